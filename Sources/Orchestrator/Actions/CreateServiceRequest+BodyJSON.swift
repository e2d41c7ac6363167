/// CreateService's audit text, written once per created service, without JSONEncoder (the
/// same bytes: `BodyJSONWriterTests`).
extension CreateServiceRequest: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("clientToken", clientToken)
            w.member("cluster", cluster)
            w.member("deploymentConfiguration", deploymentConfiguration)
            w.member("desiredCount", desiredCount)
            w.member("enableECSManagedTags", enableECSManagedTags)
            w.member("healthCheckGracePeriodSeconds", healthCheckGracePeriodSeconds)
            w.member("launchType", launchType)
            w.member("placementConstraints", placementConstraints)
            w.member("placementStrategy", placementStrategy)
            w.member("propagateTags", propagateTags)
            w.member("schedulingStrategy", schedulingStrategy)
            w.member("serviceName", serviceName)
            w.member("tags", tags)
            w.member("taskDefinition", taskDefinition)
        }
    }
}
