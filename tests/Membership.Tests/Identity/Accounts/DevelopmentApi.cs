using Membership.Tests.Infrastructure;

namespace Membership.Tests.Identity.Accounts;

/// <summary>
/// The API as `dotnet run` starts it on a fresh machine: Development, on a SQLite file of its own, with the demo data
/// and the demo sign-ins seeded at start-up.
/// </summary>
public sealed class DevelopmentApi : OidcApi
{
    protected override string Environment => "Development";
}
