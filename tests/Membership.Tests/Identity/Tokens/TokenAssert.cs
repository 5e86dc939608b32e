using System.Net;
using System.Text.Json;
using Membership.Members;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Identity.Tokens;

/// <summary>What the API and the token endpoint answer when a token or a client is refused.</summary>
internal static class TokenAssert
{
    /// <summary>A request that needs a token, sent with one that does not validate: 401, an RFC 6750 invalid_token challenge, no data.</summary>
    public static void InvalidToken(GraphQLResult result)
    {
        Unauthenticated(result);
        var challenge = result.Headers.WwwAuthenticate.ToString();
        Assert.StartsWith("Bearer", challenge, StringComparison.Ordinal);
        Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
    }

    /// <summary>Refused before execution with UNAUTHENTICATED and 401.</summary>
    public static void Unauthenticated(GraphQLResult result)
    {
        Assert.True(result.Status == HttpStatusCode.Unauthorized, $"Expected 401, got {(int)result.Status}: {result.Text}");
        Assert.Contains("UNAUTHENTICATED", result.ErrorCodes);
        Assert.False(result.HasData, result.Text);
    }

    /// <summary>The token endpoint gave no token, and one of <paramref name="errors"/>.</summary>
    public static void NoToken(TokenResponse response, params string[] errors)
    {
        Assert.True(response.Status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"Expected 400 or 401, got {(int)response.Status}: {response.Body}");
        Assert.False(response.Body.TryGetProperty("access_token", out _), response.Body.ToString());
        Assert.Contains(response.Error, errors);
    }

    /// <summary>The one audience of a token payload ("aud" is a string for one audience, an array for several).</summary>
    public static string? AudienceOf(JsonElement payload) => payload.GetProperty("aud") switch
    {
        { ValueKind: JsonValueKind.Array } many when many.GetArrayLength() == 1 => many[0].GetString(),
        { ValueKind: JsonValueKind.String } one => one.GetString(),
        var other => other.ToString(),
    };

    /// <summary>Not one of the member's personal values appears anywhere in the answer.</summary>
    public static void NoPersonalData(string text, Member member)
    {
        foreach (var value in PersonalValues(member))
        {
            Assert.False(Shows(text, value), $"The answer shows '{value}': {text}");
        }
    }

    /// <summary>Whether a JSON answer holds the value, as is or JSON-escaped (the serializer writes '+' as \u002B).</summary>
    public static bool Shows(string text, string value) =>
        text.Contains(value, StringComparison.OrdinalIgnoreCase) || text.Contains(JsonEncodedText.Encode(value).ToString(), StringComparison.OrdinalIgnoreCase);

    private static string[] PersonalValues(Member member) =>
    [
        member.Email, member.Phone!, member.MailingAddress!.Line1,
        member.DateOfBirth!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    ];
}
