import GRDB

/// The store's schema, as append-only migrations. A shipped migration is never edited;
/// changes go in a new one. Migrations use raw SQL, never application types.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE cluster (
                  arn TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL UNIQUE, status TEXT NOT NULL, body BLOB NOT NULL);
                CREATE TABLE containerInstance (
                  arn TEXT PRIMARY KEY NOT NULL, clusterArn TEXT NOT NULL, status TEXT NOT NULL, body BLOB NOT NULL);
                CREATE INDEX containerInstance_cluster ON containerInstance(clusterArn, status);
                CREATE TABLE taskDefinition (
                  arn TEXT PRIMARY KEY NOT NULL, family TEXT NOT NULL, revision INTEGER NOT NULL,
                  status TEXT NOT NULL, body BLOB NOT NULL, UNIQUE(family, revision));
                CREATE TABLE service (
                  arn TEXT PRIMARY KEY NOT NULL, clusterArn TEXT NOT NULL, name TEXT NOT NULL,
                  status TEXT NOT NULL, body BLOB NOT NULL);
                CREATE INDEX service_cluster ON service(clusterArn, status);
                CREATE TABLE task (
                  arn TEXT PRIMARY KEY NOT NULL, clusterArn TEXT NOT NULL, serviceArn TEXT,
                  containerInstanceArn TEXT, lastStatus TEXT NOT NULL, desiredStatus TEXT NOT NULL,
                  family TEXT NOT NULL, startedBy TEXT, taskGroup TEXT, body BLOB NOT NULL);
                CREATE INDEX task_cluster ON task(clusterArn, lastStatus);
                CREATE INDEX task_service ON task(serviceArn, lastStatus);
                CREATE INDEX task_instance ON task(containerInstanceArn, lastStatus);
                CREATE TABLE tag (
                  resourceArn TEXT NOT NULL, key TEXT NOT NULL, value TEXT, PRIMARY KEY(resourceArn, key));
                CREATE TABLE role (name TEXT PRIMARY KEY NOT NULL, body BLOB NOT NULL);
                CREATE TABLE rolePolicy (
                  roleName TEXT NOT NULL, policyName TEXT NOT NULL, document TEXT NOT NULL,
                  PRIMARY KEY(roleName, policyName));
                CREATE TABLE secret (
                  name TEXT PRIMARY KEY NOT NULL, body BLOB NOT NULL, sealed BLOB NOT NULL);
                CREATE TABLE audit (
                  id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, principal TEXT NOT NULL,
                  action TEXT NOT NULL, resourceArn TEXT NOT NULL, request TEXT NOT NULL);
                CREATE INDEX audit_resource ON audit(resourceArn, id);
                """)
        }
        m.registerMigration("v2-task-claims") { db in
            // Who claimed a PENDING/DEPROVISIONING task, so a claim whose process died
            // (a CLI killed mid-action) is taken over at once instead of after a timeout.
            try db.execute(sql: """
                CREATE TABLE taskClaim (
                  taskArn TEXT PRIMARY KEY NOT NULL, host TEXT NOT NULL, pid INTEGER NOT NULL);
                """)
        }
        m.registerMigration("v3-fewer-pages-per-write") { db in
            // Fewer pages for the single writer to log per transaction:
            // - tags, role policies and task claims are small rows looked up only by their
            //   key: as WITHOUT ROWID tables they live in the key's b-tree alone, so a write
            //   changes one b-tree instead of the table and its key index;
            // - audit ids without AUTOINCREMENT, which rewrote sqlite_sequence with every
            //   record: records are never deleted, so the next id is still the highest plus one.
            try db.execute(sql: """
                CREATE TABLE tag_v3 (
                  resourceArn TEXT NOT NULL, key TEXT NOT NULL, value TEXT, PRIMARY KEY(resourceArn, key)) WITHOUT ROWID;
                INSERT INTO tag_v3 (resourceArn, key, value) SELECT resourceArn, key, value FROM tag;
                DROP TABLE tag;
                ALTER TABLE tag_v3 RENAME TO tag;
                CREATE TABLE rolePolicy_v3 (
                  roleName TEXT NOT NULL, policyName TEXT NOT NULL, document TEXT NOT NULL,
                  PRIMARY KEY(roleName, policyName)) WITHOUT ROWID;
                INSERT INTO rolePolicy_v3 (roleName, policyName, document) SELECT roleName, policyName, document FROM rolePolicy;
                DROP TABLE rolePolicy;
                ALTER TABLE rolePolicy_v3 RENAME TO rolePolicy;
                CREATE TABLE taskClaim_v3 (
                  taskArn TEXT PRIMARY KEY NOT NULL, host TEXT NOT NULL, pid INTEGER NOT NULL) WITHOUT ROWID;
                INSERT INTO taskClaim_v3 (taskArn, host, pid) SELECT taskArn, host, pid FROM taskClaim;
                DROP TABLE taskClaim;
                ALTER TABLE taskClaim_v3 RENAME TO taskClaim;
                CREATE TABLE audit_v3 (
                  id INTEGER PRIMARY KEY, time TEXT NOT NULL, principal TEXT NOT NULL,
                  action TEXT NOT NULL, resourceArn TEXT NOT NULL, request TEXT NOT NULL);
                INSERT INTO audit_v3 (id, time, principal, action, resourceArn, request)
                  SELECT id, time, principal, action, resourceArn, request FROM audit;
                DROP TABLE audit;
                ALTER TABLE audit_v3 RENAME TO audit;
                CREATE INDEX audit_resource ON audit(resourceArn, id);
                DELETE FROM sqlite_sequence WHERE name = 'audit';
                """)
        }
        m.registerMigration("v4-instance-arns-in-cluster-index") { db in
            // Every reconcile lists the ARN and status of each instance of a cluster: with the
            // ARN in the index, that list is read from the index alone, not from every
            // instance's row (3% of the writer's time in a 10k apply).
            try db.execute(sql: """
                DROP INDEX containerInstance_cluster;
                CREATE INDEX containerInstance_cluster ON containerInstance(clusterArn, status, arn);
                """)
        }
        return m
    }
}
