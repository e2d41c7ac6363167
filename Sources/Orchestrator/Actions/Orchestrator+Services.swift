import Foundation
import GRDB

extension Orchestrator {
    /// Creates a service and converges it (REPLICA or DAEMON) before returning.
    public func createService(_ r: CreateServiceRequest) async throws -> CreateServiceResponse {
        guard NamePattern.ascii(r.serviceName, extra: "_-", maxLength: 255) else {
            throw ECSError.invalidParameter("Service name must be 1-255 letters, numbers, hyphens and underscores.")
        }
        let strategy = r.schedulingStrategy ?? "REPLICA"
        guard strategy == "REPLICA" || strategy == "DAEMON" else { throw ECSError.invalidParameter("schedulingStrategy must be REPLICA or DAEMON.") }
        let launchType = try Validate.launchType(r.launchType)
        if strategy == "DAEMON" && launchType == "FARGATE" {
            throw ECSError.invalidParameter("The daemon scheduling strategy does not support a launch type of FARGATE.")
        }
        if strategy == "REPLICA" && r.desiredCount == nil {
            throw ECSError.invalidParameter("desiredCount is required for the REPLICA scheduling strategy.")
        }
        if let d = r.desiredCount, d < 0 { throw ECSError.invalidParameter("desiredCount can't be less than 0.") }
        guard let tdRef = r.taskDefinition else { throw ECSError.invalidParameter("A task definition must be specified.") }
        let config = try Self.deploymentConfiguration(r.deploymentConfiguration, daemon: strategy == "DAEMON")
        try Validate.placement(r.placementConstraints, r.placementStrategy)
        if strategy == "DAEMON" && r.placementStrategy?.isEmpty == false {
            throw ECSError.invalidParameter("Placement strategies are not supported with the DAEMON scheduling strategy.")
        }
        try Validate.tags(r.tags)
        let principal = self.principal
        let text = try AuditLog.requestText(r)
        // Resolved and decoded before the write transaction (the store's one writer is what
        // concurrent creates wait on); inside it, only its status is read again. Any failure
        // here is left for the transaction to find and report as before.
        let resolved = try? await read { db in try Lookup.taskDefinition(db, tdRef) }
        let (arn, placed): (String, [ECSTask]) = try await mutateRecorded { db, now in
            let cluster = try Lookup.activeCluster(db, r.cluster)
            let td = try Lookup.stillActive(db, resolved) ?? Lookup.taskDefinition(db, tdRef)
            guard td.status == "ACTIVE" else { throw ECSError.client("TaskDefinition is inactive") }
            if launchType == "FARGATE", td.compatibilities?.contains("FARGATE") != true {
                throw ECSError.invalidParameter("Task definition does not support launch_type FARGATE.")
            }
            let arn = ARN.service(cluster: cluster.clusterName, name: r.serviceName)
            if let status = try String.fetchOne(db.cachedStatement(sql: "SELECT status FROM service WHERE arn = ?"), arguments: [arn]),
               status != "INACTIVE" {
                throw ECSError.serviceNotIdempotent()
            }
            try db.cachedStatement(sql: "DELETE FROM tag WHERE resourceArn = ?").execute(arguments: [arn])
            let desired = strategy == "DAEMON" ? 0 : (r.desiredCount ?? 0)
            let deployment = Deployment(
                id: IDs.deployment(), status: "PRIMARY", taskDefinition: td.taskDefinitionArn, desiredCount: desired,
                pendingCount: 0, runningCount: 0, failedTasks: 0, createdAt: now, updatedAt: now, launchType: launchType,
                rolloutState: "IN_PROGRESS", rolloutStateReason: nil)
            var d = deployment
            d.rolloutStateReason = "ECS deployment \(d.id) in progress."
            let s = Service(
                serviceArn: arn, serviceName: r.serviceName, clusterArn: cluster.clusterArn, status: "ACTIVE",
                desiredCount: desired, runningCount: 0, pendingCount: 0, launchType: launchType,
                taskDefinition: td.taskDefinitionArn, deploymentConfiguration: config, deployments: [d], events: [],
                placementConstraints: r.placementConstraints ?? [], placementStrategy: r.placementStrategy ?? [],
                schedulingStrategy: strategy, createdAt: now, createdBy: principal, tags: nil,
                propagateTags: r.propagateTags ?? "NONE", enableECSManagedTags: r.enableECSManagedTags ?? false,
                healthCheckGracePeriodSeconds: r.healthCheckGracePeriodSeconds)
            try s.upsert(db)
            try Lookup.putTags(db, arn, r.tags)
            // Its first tasks are placed here, not by a converge round after this commit.
            let placed = try ServiceController.placeNew(db, .init(clusterArn: cluster.clusterArn, services: [arn]))
            return ((arn, placed), [AuditEntry(action: "CreateService", resourceArn: arn, text: text)])
        }
        try await converges.converge(.init(clusterArn: ARN.cluster(ARN.clusterName(r.cluster)), services: [arn]),
                                     touched: [arn], placed: placed)
        var s = try await fetchService(arn)
        s.tags = r.tags ?? []
        return CreateServiceResponse(service: s)
    }

    /// Changes count, task definition (a new deployment) or settings, then converges.
    public func updateService(_ r: UpdateServiceRequest) async throws -> UpdateServiceResponse {
        if let d = r.desiredCount, d < 0 { throw ECSError.invalidParameter("desiredCount can't be less than 0.") }
        try Validate.placement(r.placementConstraints, r.placementStrategy)
        let arn: String = try await mutate("UpdateService", r) { db, now in
            let cluster = try Lookup.activeCluster(db, r.cluster)
            var s = try Lookup.service(db, cluster: cluster, r.service)
            guard s.status == "ACTIVE" else { throw ECSError.serviceNotActive() }
            let daemon = s.schedulingStrategy == "DAEMON"
            if let d = r.desiredCount {
                if daemon { throw ECSError.invalidParameter("The desired count of a DAEMON service cannot be set.") }
                s.desiredCount = d
            }
            if let c = r.deploymentConfiguration { s.deploymentConfiguration = try Self.deploymentConfiguration(c, daemon: daemon) }
            if let pc = r.placementConstraints { s.placementConstraints = pc }
            if let ps = r.placementStrategy {
                if daemon && !ps.isEmpty { throw ECSError.invalidParameter("Placement strategies are not supported with the DAEMON scheduling strategy.") }
                s.placementStrategy = ps
            }
            if let g = r.healthCheckGracePeriodSeconds { s.healthCheckGracePeriodSeconds = g }
            var newTD: String?
            if let ref = r.taskDefinition {
                let td = try Lookup.taskDefinition(db, ref)
                guard td.status == "ACTIVE" else { throw ECSError.client("TaskDefinition is inactive") }
                if s.launchType == "FARGATE", td.compatibilities?.contains("FARGATE") != true {
                    throw ECSError.invalidParameter("Task definition does not support launch_type FARGATE.")
                }
                if td.taskDefinitionArn != s.taskDefinition || r.forceNewDeployment == true { newTD = td.taskDefinitionArn }
            } else if r.forceNewDeployment == true {
                newTD = s.taskDefinition
            }
            if let newTD {
                for i in s.deployments.indices where s.deployments[i].status == "PRIMARY" {
                    s.deployments[i].status = "ACTIVE"
                    s.deployments[i].updatedAt = now
                }
                let id = IDs.deployment()
                s.deployments.insert(Deployment(
                    id: id, status: "PRIMARY", taskDefinition: newTD, desiredCount: s.desiredCount, pendingCount: 0,
                    runningCount: 0, failedTasks: 0, createdAt: now, updatedAt: now, launchType: s.launchType,
                    rolloutState: "IN_PROGRESS", rolloutStateReason: "ECS deployment \(id) in progress."), at: 0)
                s.taskDefinition = newTD
            }
            for i in s.deployments.indices where s.deployments[i].status == "PRIMARY" { s.deployments[i].desiredCount = s.desiredCount }
            try s.upsert(db)
            return (s.serviceArn, s.serviceArn)
        }
        try await converge(service: arn, clusterArn: ARN.cluster(ARN.clusterName(r.cluster)))
        return UpdateServiceResponse(service: try await fetchService(arn))
    }

    /// Services with deployments and events (newest first).
    public func describeServices(_ r: DescribeServicesRequest) async throws -> DescribeServicesResponse {
        guard !r.services.isEmpty else { throw ECSError.invalidParameter("Services cannot be empty.") }
        guard r.services.count <= 10 else { throw ECSError.invalidParameter("At most 10 services can be described at once.") }
        return try await read { db in
            let cluster = try Lookup.activeCluster(db, r.cluster)
            var out: [Service] = []
            var failures: [Failure] = []
            for ref in r.services {
                do {
                    var s = try Lookup.service(db, cluster: cluster, ref)
                    if r.include?.contains("TAGS") == true { s.tags = try Lookup.tags(db, s.serviceArn) }
                    out.append(s)
                } catch let e as ECSError where e.type == "ServiceNotFoundException" {
                    failures.append(Failure(arn: ref.hasPrefix("arn:") ? ref : ARN.service(cluster: cluster.clusterName, name: ref), reason: "MISSING"))
                }
            }
            return DescribeServicesResponse(services: out, failures: failures)
        }
    }

    /// ARNs of a cluster's non-INACTIVE services.
    public func listServices(_ r: ListServicesRequest) async throws -> ListServicesResponse {
        try await read { db in
            let cluster = try Lookup.activeCluster(db, r.cluster)
            let services = try Service.fetchAll(db.cachedStatement(sql: "SELECT * FROM service WHERE clusterArn = ? AND status != 'INACTIVE' ORDER BY arn"), arguments: [cluster.clusterArn])
            let arns = services.filter { s in
                (r.launchType == nil || s.launchType == r.launchType) && (r.schedulingStrategy == nil || s.schedulingStrategy == r.schedulingStrategy)
            }.map(\.serviceArn)
            let (page, token) = try Page.slice(arns, maxResults: r.maxResults, nextToken: r.nextToken)
            return ListServicesResponse(serviceArns: page, nextToken: token)
        }
    }

    /// Drains a service (scaled to 0, or `force`) until INACTIVE.
    public func deleteService(_ r: DeleteServiceRequest) async throws -> DeleteServiceResponse {
        let arn: String = try await mutate("DeleteService", r) { db, now in
            let cluster = try Lookup.activeCluster(db, r.cluster)
            var s = try Lookup.service(db, cluster: cluster, r.service)
            guard s.status == "ACTIVE" else { throw ECSError.serviceNotActive() }
            if s.schedulingStrategy == "REPLICA" && s.desiredCount > 0 && r.force != true {
                throw ECSError.invalidParameter("The service cannot be stopped while it is scaled above 0.")
            }
            s.status = "DRAINING"
            s.desiredCount = 0
            for i in s.deployments.indices { s.deployments[i].desiredCount = 0; s.deployments[i].updatedAt = now }
            try s.upsert(db)
            return (s.serviceArn, s.serviceArn)
        }
        try await converge(service: arn, clusterArn: ARN.cluster(ARN.clusterName(r.cluster)))
        return DeleteServiceResponse(service: try await fetchService(arn))
    }

    func fetchService(_ arn: String) async throws -> Service {
        try await read { db in
            guard let s = try Service.fetchOne(db, arn: arn) else { throw ECSError.serviceNotFound() }
            return s
        }
    }

    static func deploymentConfiguration(_ c: DeploymentConfiguration?, daemon: Bool) throws -> DeploymentConfiguration {
        var out = c ?? DeploymentConfiguration()
        if out.minimumHealthyPercent == nil { out.minimumHealthyPercent = daemon ? 0 : 100 }
        if out.maximumPercent == nil { out.maximumPercent = daemon ? 100 : 200 }
        if out.deploymentCircuitBreaker == nil { out.deploymentCircuitBreaker = DeploymentCircuitBreaker(enable: false, rollback: false) }
        let minH = out.minimumHealthyPercent ?? 100, maxP = out.maximumPercent ?? 200
        guard (0...100).contains(minH) else { throw ECSError.invalidParameter("minimumHealthyPercent must be between 0 and 100.") }
        guard maxP >= 100 || daemon, maxP >= 1 else { throw ECSError.invalidParameter("maximumPercent must be at least 100.") }
        guard maxP > minH || maxP == 100 else { throw ECSError.invalidParameter("maximumPercent must be greater than minimumHealthyPercent.") }
        if daemon && maxP != 100 { throw ECSError.invalidParameter("The maximumPercent of a DAEMON service must be 100.") }
        return out
    }
}
