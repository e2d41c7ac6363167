import Engine

extension InMemoryProvider {
    /// A small ECS-like schema: `cluster` and `service` (name forces replacement), `task_definition`
    /// (immutable, replaced as a "new revision"), `role` (a sensitive `password`).
    /// Every type has computed `arn` and `id`; `task_definition` also `revision`.
    public static let exampleSchema = ProviderSchema([
        ResourceSchema(type: "cluster", attributes: [
            "name": .forcesNew, "size": .plain, "tags": .plain,
            "arn": .computedValue, "id": .computedValue,
        ]),
        ResourceSchema(type: "role", attributes: [
            "name": .forcesNew, "password": AttributeSchema(sensitive: true), "tags": .plain,
            "arn": .computedValue, "id": .computedValue,
        ]),
        ResourceSchema(type: "task_definition", attributes: [
            "family": .plain, "image": .plain, "role": .plain, "environment": .plain, "secrets": .plain,
            "arn": .computedValue, "id": .computedValue, "revision": .computedValue,
        ], immutable: true, replacementNoun: "new revision"),
        ResourceSchema(type: "service", attributes: [
            "name": .forcesNew, "cluster": .forcesNew, "task_definition": .plain,
            "desired_count": .plain, "tags": .plain,
            "arn": .computedValue, "id": .computedValue,
        ]),
    ])
}
