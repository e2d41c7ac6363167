import Foundation

// Direct JSON writers for the bodies the service controller saves on every pass (services and
// tasks), byte-identical to `ECSJSON.encode` (keys sorted); see `BodyJSONWriter`.

extension Service: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("clusterArn", clusterArn)
            w.member("createdAt", createdAt)
            w.member("createdBy", createdBy)
            w.member("deploymentConfiguration", deploymentConfiguration)
            w.member("deployments", deployments)
            w.member("desiredCount", desiredCount)
            w.member("enableECSManagedTags", enableECSManagedTags)
            w.member("events", events)
            w.member("healthCheckGracePeriodSeconds", healthCheckGracePeriodSeconds)
            w.member("launchType", launchType)
            w.member("pendingCount", pendingCount)
            w.member("placementConstraints", placementConstraints)
            w.member("placementStrategy", placementStrategy)
            w.member("propagateTags", propagateTags)
            w.member("runningCount", runningCount)
            w.member("schedulingStrategy", schedulingStrategy)
            w.member("serviceArn", serviceArn)
            w.member("serviceName", serviceName)
            w.member("status", status)
            w.member("tags", tags)
            w.member("taskDefinition", taskDefinition)
        }
    }
}

extension DeploymentConfiguration: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("deploymentCircuitBreaker", deploymentCircuitBreaker)
            w.member("maximumPercent", maximumPercent)
            w.member("minimumHealthyPercent", minimumHealthyPercent)
        }
    }
}

extension DeploymentCircuitBreaker: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("enable", enable)
            w.member("rollback", rollback)
        }
    }
}

extension Deployment: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("createdAt", createdAt)
            w.member("desiredCount", desiredCount)
            w.member("failedTasks", failedTasks)
            w.member("id", id)
            w.member("launchType", launchType)
            w.member("pendingCount", pendingCount)
            w.member("rolloutState", rolloutState)
            w.member("rolloutStateReason", rolloutStateReason)
            w.member("runningCount", runningCount)
            w.member("status", status)
            w.member("taskDefinition", taskDefinition)
            w.member("updatedAt", updatedAt)
        }
    }
}

extension ServiceEvent: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("createdAt", createdAt)
            w.member("id", id)
            w.member("message", message)
        }
    }
}

extension PlacementConstraint: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("expression", expression)
            w.member("type", type)
        }
    }
}

extension PlacementStrategy: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("field", field)
            w.member("type", type)
        }
    }
}

extension ECSTask: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("clusterArn", clusterArn)
            w.member("containerInstanceArn", containerInstanceArn)
            w.member("containers", containers)
            w.member("cpu", cpu)
            w.member("createdAt", createdAt)
            w.member("desiredStatus", desiredStatus)
            w.member("executionStoppedAt", executionStoppedAt)
            w.member("group", group)
            w.member("healthStatus", healthStatus)
            w.member("lastStatus", lastStatus)
            w.member("launchType", launchType)
            w.member("memory", memory)
            w.member("overrides", overrides)
            w.member("pullStartedAt", pullStartedAt)
            w.member("startedAt", startedAt)
            w.member("startedBy", startedBy)
            w.member("stopCode", stopCode)
            w.member("stoppedAt", stoppedAt)
            w.member("stoppedReason", stoppedReason)
            w.member("stoppingAt", stoppingAt)
            w.member("tags", tags)
            w.member("taskArn", taskArn)
            w.member("taskDefinitionArn", taskDefinitionArn)
            w.member("version", version)
        }
    }
}

extension Container: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("containerArn", containerArn)
            w.member("cpu", cpu)
            w.member("exitCode", exitCode)
            w.member("healthStatus", healthStatus)
            w.member("image", image)
            w.member("lastStatus", lastStatus)
            w.member("memory", memory)
            w.member("name", name)
            w.member("networkBindings", networkBindings)
            w.member("reason", reason)
            w.member("runtimeId", runtimeId)
            w.member("taskArn", taskArn)
        }
    }
}

extension NetworkBinding: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("bindIP", bindIP)
            w.member("containerPort", containerPort)
            w.member("hostPort", hostPort)
            w.member("protocol", `protocol`)
        }
    }
}

extension TaskOverride: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("containerOverrides", containerOverrides)
            w.member("taskRoleArn", taskRoleArn)
        }
    }
}

extension ContainerOverride: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("command", command)
            w.member("environment", environment)
            w.member("name", name)
        }
    }
}
