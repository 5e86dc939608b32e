using Membership.Tests.Infrastructure;

namespace Membership.Tests.Identity;

/// <summary>
/// Base of identity test classes that run on SQLite and PostgreSQL, with real tokens: one concrete class per provider
/// supplies the fixture. A missing PostgreSQL server skips the tests (fails them under CI=true).
/// </summary>
public abstract class OidcTest
{
    protected OidcTest(OidcApi api)
    {
        api.EnsureAvailable();
        Api = api;
    }

    protected OidcApi Api { get; }
}
