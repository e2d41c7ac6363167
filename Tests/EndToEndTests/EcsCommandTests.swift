import Foundation
import Testing

@Suite(.serialized) struct EcsCommandTests {
    @Test func versionAndErrors() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run("--version").stdout == "0.1.0\n")
        let r = try cli.run("ecs", "describe-services", "--cluster", "nope", "--services", "web")
        #expect(r.status == 1)
        #expect(r.stderr == "ClusterNotFoundException: Cluster not found.\n")
        #expect(r.stdout.isEmpty)
        let bad = try cli.run("ecs", "create-service", "--service-name", "x", "--desired-count=-1", "--task-definition", "t")
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("InvalidParameterException: "))
    }

    @Test func clusterServiceAndDeploymentThroughTheCLI() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let created = try cli.run("ecs", "create-cluster", "--cluster-name", "shop", "--tags", "key=team,value=web")
        #expect(created.status == 0)
        let cluster = (created.json as? [String: Any])?["cluster"] as? [String: Any]
        #expect(cluster?["clusterArn"] as? String == "arn:aws:ecs:local:000000000000:cluster/shop")
        #expect(created.stdout.contains("\n  \"cluster\" : {"))   // pretty-printed
        for _ in 0..<2 {
            #expect(try cli.run("ecs", "register-container-instance", "--cluster", "shop", "--total-resources",
                                #"[{"name":"CPU","type":"INTEGER","integerValue":2048},{"name":"MEMORY","type":"INTEGER","integerValue":4096}]"#).status == 0)
        }
        let td = cli.store.appendingPathComponent("td.json")
        try #"{"family":"web","containerDefinitions":[{"name":"app","image":"nginx:1","memory":256,"portMappings":[{"containerPort":80}]}]}"#
            .write(to: td, atomically: true, encoding: .utf8)
        let reg = try cli.run("ecs", "register-task-definition", "--cli-input-json", "file://" + td.path)
        #expect(reg.status == 0, "\(reg.stderr)")
        let svc = try cli.run("ecs", "create-service", "--cluster", "shop", "--service-name", "web", "--task-definition", "web",
                              "--desired-count", "3", "--deployment-configuration", "maximumPercent=200,minimumHealthyPercent=50",
                              "--placement-strategy", "type=spread,field=instanceId")
        #expect(svc.status == 0, "\(svc.stderr)")
        let described = try cli.run("ecs", "describe-services", "--cluster", "shop", "--services", "web")
        let s = ((described.json as? [String: Any])?["services"] as? [[String: Any]])?.first
        #expect(s?["runningCount"] as? Int == 3)
        let events = (s?["events"] as? [[String: Any]])?.compactMap { $0["message"] as? String } ?? []
        #expect(events.first == "(service web) has reached a steady state.")
        let tasks = try cli.listAll(["ecs", "list-tasks", "--cluster", "shop", "--service-name", "web"], key: "taskArns")
        #expect(tasks.count == 3)
        let upd = try cli.run("ecs", "update-service", "--cluster", "shop", "--service", "web", "--desired-count", "1")
        #expect(upd.status == 0)
        #expect(((upd.json as? [String: Any])?["service"] as? [String: Any])?["runningCount"] as? Int == 1)
        let stop = try cli.run("ecs", "delete-service", "--cluster", "shop", "--service", "web")
        #expect(stop.status == 1 && stop.stderr.hasPrefix("InvalidParameterException:"))
        #expect(try cli.run("ecs", "delete-service", "--cluster", "shop", "--service", "web", "--force").status == 0)
        let audit = try cli.run("ecs", "list-audit-records", "--resource-arn", "arn:aws:ecs:local:000000000000:service/shop/web")
        let actions = ((audit.json as? [String: Any])?["auditRecords"] as? [[String: Any]])?.compactMap { $0["action"] as? String }
        #expect(actions == ["DeleteService", "UpdateService", "CreateService"])
        #expect(((audit.json as? [String: Any])?["auditRecords"] as? [[String: Any]])?.first?["principal"] as? String == "e2e")
    }

    @Test func secretsAndRolesGroups() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run("secretsmanager", "create-secret", "--name", "db", "--secret-string", "hunter2").status == 0)
        let d = try cli.run("secretsmanager", "describe-secret", "--secret-id", "db")
        #expect(d.status == 0 && !d.stdout.contains("hunter2"))
        let audit = try cli.run("ecs", "list-audit-records")
        #expect(!audit.stdout.contains("hunter2"))
        let key = try FileManager.default.attributesOfItem(atPath: cli.store.appendingPathComponent("secrets.key").path)
        #expect((key[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try cli.run("iam", "create-role", "--role-name", "app").status == 0)
        let policy = cli.store.appendingPathComponent("p.json")
        try #"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#.write(to: policy, atomically: true, encoding: .utf8)
        #expect(try cli.run("iam", "put-role-policy", "--role-name", "app", "--policy-name", "all", "--policy-document", "file://" + policy.path).status == 0)
        let del = try cli.run("iam", "delete-role", "--role-name", "app")
        #expect(del.status == 1 && del.stderr == "DeleteConflict: Cannot delete entity, must delete policies first.\n")
    }
}

extension EcsCommandTests {
    @Test func usageErrorsExit1() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let r = try cli.run("ecs", "create-service", "--desired-count", "many")
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("error: "))
        let shorthand = try cli.run("ecs", "create-service", "--service-name", "x", "--desired-count", "1", "--deployment-configuration", "maximumPercent")
        #expect(shorthand.status == 1)
        #expect(shorthand.stderr.contains("--deployment-configuration"))
    }
}
