/// The ecsform version printed by `ecsform --version`.
let ecsformVersion = "0.1.0"
