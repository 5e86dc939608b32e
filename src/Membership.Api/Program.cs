using Membership;

var builder = WebApplication.CreateBuilder(args);
builder.AddMembership();

var app = builder.Build();
if (await app.RunCommandAsync(args))
{
    return;
}

app.UseMembership();
await app.PrepareAsync();
await app.RunAsync();
