import Foundation

// Direct JSON writer for container instances, whose remaining resources change with every
// task placed on them; byte-identical to `ECSJSON.encode` (see `BodyJSONWriter`).

extension ContainerInstance: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("agentConnected", agentConnected)
            w.member("attributes", attributes)
            w.member("containerInstanceArn", containerInstanceArn)
            w.member("ec2InstanceId", ec2InstanceId)
            w.member("pendingTasksCount", pendingTasksCount)
            w.member("registeredAt", registeredAt)
            w.member("registeredResources", registeredResources)
            w.member("remainingResources", remainingResources)
            w.member("runningTasksCount", runningTasksCount)
            w.member("status", status)
            w.member("statusReason", statusReason)
            w.member("tags", tags)
            w.member("version", version)
        }
    }
}

extension Resource: BodyJSONEncodable {
    /// A `doubleValue` is left to JSONEncoder (its number form is not reproduced here).
    func writeJSON(_ w: inout BodyJSONWriter) {
        if doubleValue != nil { w.giveUp() }
        w.object { w in
            w.member("integerValue", integerValue)
            w.member("longValue", longValue.map(Int.init))
            w.member("name", name)
            w.member("stringSetValue", stringSetValue)
            w.member("type", type)
        }
    }
}

extension Attribute: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("name", name)
            w.member("targetId", targetId)
            w.member("targetType", targetType)
            w.member("value", value)
        }
    }
}
