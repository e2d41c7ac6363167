import Foundation
import GRDB

/// Which process is starting or stopping a task's containers. A controller claims a task
/// (PENDING to start it, DEPROVISIONING to stop it) so that only one process drives its
/// containers; if that process dies mid-way (a CLI killed with SIGKILL), another one must
/// take over. A claim held by a process on this host that no longer exists is stale at once;
/// any other claim goes stale after `ServiceController.claimTimeout`.
enum TaskClaim {
    static let host: String = ProcessInfo.processInfo.hostName
    static let pid = Int(ProcessInfo.processInfo.processIdentifier)

    /// Records this process as the task's claimant.
    static func take(_ db: Database, taskArn: String) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO taskClaim (taskArn, host, pid) VALUES (?, ?, ?)").execute(arguments: [taskArn, host, pid])
    }

    static func release(_ db: Database, taskArns: [String]) throws {
        for arn in taskArns {
            try db.cachedStatement(sql: "DELETE FROM taskClaim WHERE taskArn = ?").execute(arguments: [arn])
        }
    }

    /// True when the task's claimant is a process on this host that has exited.
    static func holderIsGone(_ db: Database, taskArn: String) throws -> Bool {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT host, pid FROM taskClaim WHERE taskArn = ?"), arguments: [taskArn]) else {
            return false
        }
        let claimHost: String = row["host"]
        let claimPid: Int = row["pid"]
        guard claimHost == host, claimPid != pid, claimPid > 0 else { return false }
        return kill(pid_t(claimPid), 0) != 0 && errno == ESRCH
    }
}
