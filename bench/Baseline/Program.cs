using Baseline;
using Npgsql;

// The raw baseline: what the API's workloads cost without GraphQL, EF Core, OpenIddict and the rest. Each endpoint
// takes the same request body as /graphql (only "variables" is read), sends the statements the API sends (taken from
// PostgreSQL's statement log) and writes the same JSON. No authentication: the driver sends the API's tokens anyway.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var connectionString = builder.Configuration["ConnectionString"]
    ?? throw new InvalidOperationException("Set ConnectionString (the benchmark database).");
// The connection settings the API applies to every PostgreSQL connection string (src/Membership/Data/ConnectionDefaults.cs):
// no DISCARD ALL when a connection goes back to the pool, and automatic preparation of the statements used most. Both
// are settings any application can make, so the baseline makes them too: the ratio is the framework's cost, not theirs.
builder.Services.AddSingleton(NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 20, NoResetOnClose = true }.ConnectionString));
builder.Services.AddSingleton<Limits>();
builder.Services.AddSingleton<Workloads>();

var app = builder.Build();
var workloads = app.Services.GetRequiredService<Workloads>();
app.MapGet("/health", () => "ok");
app.MapPost("/plans", workloads.PlansAsync);
app.MapPost("/node", workloads.NodeAsync);
app.MapPost("/page", workloads.PageAsync);
app.MapPost("/search", workloads.SearchAsync);
app.MapPost("/verify", workloads.VerifyAsync);
app.MapPost("/me", workloads.MeAsync);
app.MapPost("/consenting", workloads.ConsentingAsync);
app.MapPost("/verify-batch", workloads.VerifyBatchAsync);
app.Run();
