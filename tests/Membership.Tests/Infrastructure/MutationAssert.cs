using System.Net;
using System.Text.Json;

namespace Membership.Tests.Infrastructure;

/// <summary>What a mutation payload or a refused request must look like; shared by the agency and plan tests.</summary>
internal static class MutationAssert
{
    /// <summary>The payload has its result and no user errors; returns the result.</summary>
    public static JsonElement Succeeded(JsonElement payload, string resultField)
    {
        Assert.Empty(ErrorsOf(payload));
        var result = payload.GetProperty(resultField);
        Assert.Equal(JsonValueKind.Object, result.ValueKind);
        return result;
    }

    /// <summary>The payload has no result and exactly this one user error, with a message for people.</summary>
    public static void Failed(JsonElement payload, string resultField, string code, params string[] field)
    {
        Assert.Equal([Describe(code, field)], ErrorsOf(payload));
        Assert.Equal(JsonValueKind.Null, payload.GetProperty(resultField).ValueKind);
        Assert.All(payload.GetProperty("userErrors").EnumerateArray(), e => Assert.False(string.IsNullOrWhiteSpace(e.Str("message"))));
    }

    /// <summary>The user errors as "CODE input.field", in the order reported.</summary>
    public static IReadOnlyList<string> ErrorsOf(JsonElement payload) =>
        [.. payload.GetProperty("userErrors").EnumerateArray().Select(e => Describe(
            e.Str("code")!,
            e.GetProperty("field").ValueKind == JsonValueKind.Null ? [] : [.. e.GetProperty("field").EnumerateArray().Select(f => f.GetString()!)]))];

    public static string Describe(string code, params string[] field) => $"{code} {string.Join('.', field)}";

    /// <summary>A signed-in caller without the right: the field is null with a FORBIDDEN error.</summary>
    public static void Forbidden(GraphQLResult result, string mutationField)
    {
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("FORBIDDEN", result.ErrorCodes);
        Assert.Equal(JsonValueKind.Null, result.Data.GetProperty(mutationField).ValueKind);
    }

    /// <summary>No caller at all: the request is refused with 401 before it runs.</summary>
    public static void Unauthenticated(GraphQLResult result)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, result.Status);
        Assert.Contains("UNAUTHENTICATED", result.ErrorCodes);
        Assert.False(result.HasData);
    }
}

/// <summary>Signed-in callers who are not staff, named so theories can list them.</summary>
internal static class NonStaff
{
    public const string Member = "member";
    public const string Partner = "partner";

    /// <summary>A real member of the fixture's database, or a partner client.</summary>
    public static async Task<TestIdentity> IdentityAsync(ApiFixture api, string who)
    {
        if (who == Partner)
        {
            return TestIdentity.Partner;
        }

        var data = new TestData(api);
        var member = await data.MemberAsync(await data.PlanAsync());
        return TestIdentity.Member(member.Id);
    }
}
