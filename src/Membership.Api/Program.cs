using Membership;
using Membership.ServiceDefaults;

if (HealthProbe.IsCommand(args))
{
    Environment.ExitCode = await HealthProbe.RunAsync(args); // the container's HEALTHCHECK: no host is built
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddMembership();
builder.AddServiceDefaults();

var app = builder.Build();
if (await app.RunCommandAsync(args))
{
    return;
}

app.UseMembership();
app.MapDefaultEndpoints();
await app.PrepareAsync();
await app.RunAsync();
