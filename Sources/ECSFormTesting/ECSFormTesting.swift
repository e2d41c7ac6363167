// Test doubles for the engine.
