// Every Dapper call of the PostgreSQL store is generated at build time (Dapper.AOT interceptors), as in Core.
[module: Dapper.DapperAot]
