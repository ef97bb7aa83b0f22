// Every Dapper call in Core is generated at build time (Dapper.AOT interceptors): no Reflection.Emit at run time, so the
// SQLite store works unchanged in the Native AOT host and replay.
[module: Dapper.DapperAot]
