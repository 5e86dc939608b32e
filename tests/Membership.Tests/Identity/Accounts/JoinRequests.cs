using System.Net;
using System.Text.Json;
using Membership.Dues;
using Membership.Members;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Identity.Accounts;

/// <summary>
/// joinAssociation as a sign-up form sends it. Each request comes from a client address of its own, passed on by the
/// load balancer in X-Forwarded-For, because the limit counts per address in the fixture's shared database.
/// </summary>
internal static class JoinRequests
{
    public const string Password = "Join-Us-2026-Today!";

    public const string Join = """
        mutation($input: JoinAssociationInput!) { joinAssociation(input: $input) { memberNumber email status userErrors { code field message } } }
        """;

    private static int _addresses;

    /// <summary>
    /// An address of the IPv6 documentation range in a /64 no other request of this run uses (limits count an IPv6
    /// address by its /64).
    /// </summary>
    public static string NewAddress() => $"2001:db8:{Interlocked.Increment(ref _addresses):x}::1";

    public static Task<GraphQLResult> JoinAsync(ApiFixture api, JoinInput input, string? address = null) => JoinAsync(api.Factory, input, address);

    public static async Task<GraphQLResult> JoinAsync(WebApplicationFactory<Program> instance, JoinInput input, string? address = null)
    {
        using var http = instance.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        http.DefaultRequestHeaders.Add("X-Forwarded-For", address ?? NewAddress());
        return await new GraphQLClient(http).PostAsync(Join, new { input });
    }

    public static JoinInput Input(MembershipPlan plan, string? email = null) => new(
        firstName: "Robin", lastName: TestData.Unique("Applicant"), email: email ?? NewEmail(), password: Password, phone: "(205) 555-0199",
        dateOfBirth: "1986-04-12", category: plan.Category.ToString().ToUpperInvariant(), swornOfficer: true, sroSince: "2016-08-01",
        state: "AL", directoryOptIn: false, planId: TestData.PlanId(plan));

    public static string NewEmail() => $"{TestData.Unique("join")}@example.org";

    /// <summary>Members and accounts that use the address, in any case.</summary>
    public static async Task<(int Members, int Accounts)> CountAsync(ApiFixture api, string email)
    {
        await using var db = await api.Db.CreateDbContextAsync();
        var member = MemberRules.NormalizeEmail(email);
        var account = email.Trim().ToUpperInvariant();
        return (await db.Members.CountAsync(m => m.EmailNormalized == member), await db.Users.CountAsync(u => u.NormalizedEmail == account));
    }

    /// <summary>Members, terms and accounts in the fixture's database (the tests of one class run one at a time).</summary>
    public static async Task<(int Members, int Terms, int Accounts)> TotalsAsync(ApiFixture api)
    {
        await using var db = await api.Db.CreateDbContextAsync();
        return (await db.Members.CountAsync(), await db.MembershipTerms.CountAsync(), await db.Users.CountAsync());
    }

    /// <summary>The join went through: HTTP 200, no errors, no user errors; returns the payload.</summary>
    public static JsonElement Succeeded(GraphQLResult result)
    {
        Assert.True(result.Status == HttpStatusCode.OK && !result.HasErrors, result.Text);
        var payload = result.Data.At("joinAssociation");
        Assert.Empty(MutationAssert.ErrorsOf(payload));
        return payload;
    }
}

#pragma warning disable IDE1006 // GraphQL field names
internal sealed record JoinInput(string firstName, string lastName, string email, string password, string? phone, string? dateOfBirth,
    string category, bool swornOfficer, string? sroSince, string state, bool directoryOptIn, string planId, string? agencyId = null);
#pragma warning restore IDE1006
