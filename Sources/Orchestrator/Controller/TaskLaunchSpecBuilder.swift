import Crypto
import Foundation

/// Turns a task and its definition into what the runtime starts: environment (with
/// overrides, resolved secrets and the task's credentials token), ports, limits, labels.
enum TaskLaunchSpecBuilder {
    static func build(_ t: ECSTask, _ td: TaskDefinition, secrets: [String: String], tokenKey: SecretSealer) -> Result<TaskLaunchSpec, ECSError> {
        var containers: [ContainerLaunchSpec] = []
        containers.reserveCapacity(td.containerDefinitions.count)
        // One token per task (an HMAC), shared by its containers.
        let token = td.taskRoleArn != nil || t.overrides?.taskRoleArn != nil ? credentialsToken(taskArn: t.taskArn, key: tokenKey) : nil
        let revision = String(td.revision)
        for c in td.containerDefinitions {
            var env: [String: String] = [:]
            for kv in c.environment ?? [] { env[kv.name] = kv.value ?? "" }
            let override = t.overrides?.containerOverrides?.first { $0.name == c.name }
            for kv in override?.environment ?? [] { env[kv.name] = kv.value ?? "" }
            for s in c.secrets ?? [] {
                guard let value = secrets[SecretStore.name(of: s.valueFrom)] else {
                    return .failure(ECSError("ResourceInitializationError",
                        "ResourceInitializationError: unable to pull secrets or registry auth: retrieve secret from \(s.valueFrom): ResourceNotFoundException: Secrets Manager can't find the specified secret."))
                }
                env[s.name] = value
            }
            env["ECS_CONTAINER_METADATA_URI_V4"] = "/v4/\(t.id)"
            if let token {
                env["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/v2/credentials/\(t.id)"
                env["ECSFORM_CREDENTIALS_TOKEN"] = token
                env["ECSFORM_TASK_ARN"] = t.taskArn
            }
            var ports: [Int: Int] = [:]
            for b in t.containers.first(where: { $0.name == c.name })?.networkBindings ?? [] {
                if let cp = b.containerPort, let hp = b.hostPort { ports[cp] = hp }
            }
            // The definition's Docker labels, then the agent's (which win).
            var labels = c.dockerLabels ?? [:]
            labels.reserveCapacity(labels.count + 5)
            labels["com.amazonaws.ecs.task-arn"] = t.taskArn
            labels["com.amazonaws.ecs.container-name"] = c.name
            labels["com.amazonaws.ecs.cluster"] = t.clusterArn
            labels["com.amazonaws.ecs.task-definition-family"] = td.family
            labels["com.amazonaws.ecs.task-definition-version"] = revision
            containers.append(ContainerLaunchSpec(
                name: c.name, image: c.image, command: override?.command ?? c.command ?? [], entryPoint: c.entryPoint ?? [],
                environment: env, portBindings: ports, cpu: c.cpu ?? 0, memory: c.memory ?? c.memoryReservation ?? 0,
                essential: c.essential ?? true, labels: labels, healthCheck: c.healthCheck))
        }
        return .success(TaskLaunchSpec(taskArn: t.taskArn, containers: containers))
    }

    /// The per-task secret a task presents to obtain credentials: an HMAC of its ARN under
    /// the store's key, so it needs no storage and cannot be guessed for another task.
    static func credentialsToken(taskArn: String, key: SecretSealer) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(("ecsform-task-credentials:" + taskArn).utf8), using: key.key)
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in mac { hex.append(digits[Int(byte >> 4)]); hex.append(digits[Int(byte & 0x0f)]) }
        return String(decoding: hex, as: UTF8.self)
    }
}
