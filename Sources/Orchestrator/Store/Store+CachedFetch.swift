import GRDB

extension FetchableRecord where Self: TableRecord {
    /// The record whose `arn` primary key is `arn`, through a cached prepared statement: the
    /// controller fetches records by key in every pass, and GRDB's `fetchOne(_:key:)`
    /// generates and prepares its SQL again on each call.
    static func fetchOne(_ db: Database, arn: String) throws -> Self? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM \"\(databaseTableName)\" WHERE arn = ?"), arguments: [arn])
    }
}
