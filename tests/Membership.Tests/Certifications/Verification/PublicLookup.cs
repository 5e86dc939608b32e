using System.Text.Json;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Membership.Tests.Certifications.Verification;

/// <summary>
/// verifyCertificate as an employer's browser sends it, anonymous. Each request comes from an address of its own
/// (X-Forwarded-For from the loopback proxy) unless a test names one, because the limit counts per address.
/// </summary>
internal static class PublicLookup
{
    /// <summary>Every field a verifier can ask for.</summary>
    public const string AllFields = "found number holderName kind title courseCode hours issuedOn expiresOn status reissuedAs";

    public const string Query = "query($n: String!, $l: String!) { verifyCertificate(number: $n, lastName: $l) { " + AllFields + " } }";

    private static int _addresses;

    /// <summary>
    /// An address of the IPv6 documentation range in a /64 that no other lookup of this run uses (the limits count an
    /// IPv6 address by its /64).
    /// </summary>
    public static string NewAddress() => $"2001:db8:ce:{Interlocked.Increment(ref _addresses):x}::1";

    public static async Task<GraphQLResult> AskAsync(WebApplicationFactory<Program> instance, string number, string lastName, string? address = null)
    {
        using var http = instance.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        http.DefaultRequestHeaders.Add("X-Forwarded-For", address ?? NewAddress());
        return await new GraphQLClient(http).PostAsync(Query, new { n = number, l = lastName });
    }

    /// <summary>The lookup went through (found or not); returns the answer object.</summary>
    public static JsonElement Answer(GraphQLResult result)
    {
        Assert.True(result.Status == System.Net.HttpStatusCode.OK && !result.HasErrors, $"{(int)result.Status}: {result.Text}");
        return result.Data.At("verifyCertificate");
    }

    /// <summary>The limit refused the lookup: 429, a Retry-After within the minute's window, RATE_LIMITED and no data.</summary>
    public static void RateLimited(GraphQLResult result)
    {
        Assert.True(result.Status == System.Net.HttpStatusCode.TooManyRequests, $"{(int)result.Status}: {result.Text}");
        Assert.Equal(["RATE_LIMITED"], result.ErrorCodes);
        Assert.True(!result.HasData || result.Data.EnumerateObject().All(f => f.Value.ValueKind == JsonValueKind.Null), result.Text);
        var retryAfter = result.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    /// <summary>
    /// An instance whose clock stands five seconds into the next minute and stays there: the limits count in fixed
    /// windows, and a test must not straddle a window's end.
    /// </summary>
    public static void StoppedClock(IWebHostBuilder builder)
    {
        var now = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMinute)) + TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(5));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
    }

    /// <summary>A client of one instance, over https.</summary>
    public static GraphQLClient Client(WebApplicationFactory<Program> instance) =>
        new(instance.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") }));

    /// <summary>Staff's view of the log for one number, newest first.</summary>
    public const string StaffLog = """
        query($n: String!) { verificationLog(certificateNumber: $n, first: 50) { totalCount nodes { channel query found status address clientId certificate { number } } } }
        """;

    /// <summary>The member's own view: who verified their certificates.</summary>
    public const string OwnLog = """
        query($id: ID!) { member(id: $id) { verifications(first: 50) { totalCount nodes { channel query found status } } } }
        """;
}
