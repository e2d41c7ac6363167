import ArgumentParser

/// `ecsform ecs ACTION`: direct calls to the orchestrator, named and shaped after `aws ecs`.
struct Ecs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecs",
        abstract: "Call the orchestrator's ECS-shaped actions directly (as `aws ecs` does).",
        subcommands: [
            CreateCluster.self, DescribeClusters.self, ListClusters.self, DeleteCluster.self, UpdateClusterSettings.self,
            RegisterContainerInstance.self, DeregisterContainerInstance.self, ListContainerInstances.self,
            DescribeContainerInstances.self, UpdateContainerInstancesState.self,
            RegisterTaskDefinition.self, DescribeTaskDefinition.self, ListTaskDefinitions.self,
            ListTaskDefinitionFamilies.self, DeregisterTaskDefinition.self,
            CreateService.self, UpdateService.self, DescribeServices.self, ListServices.self, DeleteService.self,
            RunTask.self, StopTask.self, ListTasks.self, DescribeTasks.self,
            TagResource.self, UntagResource.self, ListTagsForResource.self,
            GetTaskCredentials.self, ListAuditRecords.self, Reconcile.self, Batch.self, InjectFault.self,
        ]
    )
}
