import Foundation
import Testing
@testable import Orchestrator

/// The pure reconciler: exact buckets for crafted snapshots.
@Suite struct ServiceReconcilerTests {
    func service(desired: Int, minPct: Int = 100, maxPct: Int = 200, deployments: [Deployment]) -> Service {
        Service(serviceArn: ARN.service(cluster: "default", name: "web"), serviceName: "web", clusterArn: ARN.cluster("default"),
                status: "ACTIVE", desiredCount: desired, runningCount: 0, pendingCount: 0, launchType: "EC2",
                taskDefinition: deployments[0].taskDefinition,
                deploymentConfiguration: .init(deploymentCircuitBreaker: .init(enable: true, rollback: true), maximumPercent: maxPct, minimumHealthyPercent: minPct),
                deployments: deployments, events: [], placementConstraints: [], placementStrategy: [], schedulingStrategy: "REPLICA",
                createdAt: nil, createdBy: nil, tags: nil, propagateTags: nil, enableECSManagedTags: nil, healthCheckGracePeriodSeconds: nil)
    }
    func deployment(_ id: String, _ status: String, _ state: String, failed: Int = 0) -> Deployment {
        Deployment(id: id, status: status, taskDefinition: "td-\(id)", desiredCount: 0, pendingCount: 0, runningCount: 0, failedTasks: failed,
                   createdAt: nil, updatedAt: nil, launchType: "EC2", rolloutState: state, rolloutStateReason: nil)
    }
    func tasks(_ n: Int, _ dep: String, running: Bool = true, from: Int = 0) -> [ServiceReconciler.TaskView] {
        (0..<n).map { .init(arn: "\(dep)-\(from + $0)", deploymentId: dep, running: running, instanceArn: "i", retiring: false, createdAt: Date(timeIntervalSince1970: Double(from + $0))) }
    }
    func run(_ s: Service, _ t: [ServiceReconciler.TaskView]) -> ServiceReconciler.Decision {
        ServiceReconciler.reconcile(.init(service: s, tasks: t, daemonInstances: [], throttled: false, now: Date()))
    }

    @Test func threshold() {
        #expect(ServiceReconciler.failureThreshold(desired: 1) == 3)
        #expect(ServiceReconciler.failureThreshold(desired: 7) == 4)
        #expect(ServiceReconciler.failureThreshold(desired: 10) == 5)
        #expect(ServiceReconciler.failureThreshold(desired: 1000) == 200)
    }

    @Test func rollingRespectsMaximumAndMinimum() {
        // 100/200: start 4 new while keeping all 4 old.
        let s = service(desired: 4, deployments: [deployment("new", "PRIMARY", "IN_PROGRESS"), deployment("old", "ACTIVE", "COMPLETED")])
        var d = run(s, tasks(4, "old"))
        #expect(d.launches == [.init(deploymentId: "new", taskDefinition: "td-new", count: 4, instanceArn: nil)])
        #expect(d.stops.isEmpty)
        // Once the new ones run, stop all four old.
        d = run(s, tasks(4, "old") + tasks(4, "new", from: 10))
        #expect(d.launches.isEmpty)
        #expect(d.stops.map(\.taskArn) == ["old-0", "old-1", "old-2", "old-3"])
        // While new tasks are pending, old healthy ones stay.
        d = run(s, tasks(4, "old") + tasks(4, "new", running: false, from: 10))
        #expect(d.stops.isEmpty && d.launches.isEmpty)
        // 50/100 with 4 desired: stop 2 old first, start none.
        let tight = service(desired: 4, minPct: 50, maxPct: 100, deployments: s.deployments)
        d = run(tight, tasks(4, "old"))
        #expect(d.launches.isEmpty)
        #expect(d.stops.count == 2)
        d = run(tight, tasks(2, "old", from: 2))
        #expect(d.launches.first?.count == 2)
        #expect(d.stops.isEmpty)
    }

    @Test func completesAndDropsOldDeployments() {
        let s = service(desired: 2, deployments: [deployment("new", "PRIMARY", "IN_PROGRESS"), deployment("old", "ACTIVE", "COMPLETED")])
        let d = run(s, tasks(2, "new"))
        #expect(d.launches.isEmpty && d.stops.isEmpty)
        #expect(d.service.deployments.map(\.id) == ["new"])
        #expect(d.service.deployments[0].rolloutState == "COMPLETED")
        #expect(d.events == ["(service web) (deployment new) deployment completed."])
    }

    @Test func breakerTripsAndRollsBack() {
        let s = service(desired: 4, deployments: [deployment("new", "PRIMARY", "IN_PROGRESS", failed: 3), deployment("old", "ACTIVE", "COMPLETED")])
        let d = run(s, tasks(4, "old") + tasks(1, "new", running: false, from: 9))
        #expect(d.stops.map(\.taskArn) == ["new-9"])
        #expect(d.service.deployments.map(\.id) == ["old", "new"])
        #expect(d.service.deployments.map(\.status) == ["PRIMARY", "ACTIVE"])
        #expect(d.service.deployments[1].rolloutState == "FAILED")
        #expect(d.service.taskDefinition == "td-old")
        #expect(d.events.contains("(service web) (deployment new) deployment failed: tasks failed to start."))
        #expect(d.events.contains("(service web) rolling back to deployment old."))
        // Under the threshold nothing trips.
        let under = service(desired: 4, deployments: [deployment("new", "PRIMARY", "IN_PROGRESS", failed: 2), deployment("old", "ACTIVE", "COMPLETED")])
        #expect(run(under, tasks(4, "old")).service.deployments[0].rolloutState == "IN_PROGRESS")
    }

    @Test func scaleDownStopsPendingFirst() {
        let s = service(desired: 1, deployments: [deployment("d", "PRIMARY", "COMPLETED")])
        let d = run(s, tasks(2, "d") + tasks(1, "d", running: false, from: 5))
        #expect(d.stops.map(\.taskArn) == ["d-5", "d-1"])
    }

    @Test func drainingServiceStopsEverythingThenGoesInactive() {
        var s = service(desired: 0, deployments: [deployment("d", "PRIMARY", "COMPLETED")])
        s.status = "DRAINING"
        #expect(run(s, tasks(2, "d")).stops.count == 2)
        #expect(run(s, []).service.status == "INACTIVE")
    }
}
