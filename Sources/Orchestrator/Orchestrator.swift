// The Orchestrator module. See DESIGN.md.
