using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Membership.Agencies;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Members.Import;

/// <summary>Sends member CSV files as a front end would: a GraphQL multipart request to importMembers.</summary>
internal static class MemberCsvFiles
{
    public const string Header = "memberNumber,firstName,lastName,email,phone,addressLine1,city,addressState,postalCode,dateOfBirth,category,swornOfficer,state,agencyOri,plan,termStartsOn,termEndsOn";

    public const string Import = """
        mutation($input: ImportMembersInput!) { importMembers(input: $input) {
          dryRun rows created unchanged rowErrors { line column code message } userErrors { code field } } }
        """;

    public static async Task<GraphQLResult> ImportAsync(GraphQLClient client, string csv, bool dryRun = false, TestIdentity? identity = null, bool preflightHeader = true)
    {
        using var request = Multipart(csv, dryRun, preflightHeader);
        return await client.SendAsync(request, identity ?? TestIdentity.Staff);
    }

    /// <summary>Imports and requires an answer without GraphQL errors; returns the importMembers payload.</summary>
    public static async Task<JsonElement> ImportPayloadAsync(GraphQLClient client, string csv, bool dryRun = false)
    {
        var result = await ImportAsync(client, csv, dryRun);
        Assert.True(result.Status == System.Net.HttpStatusCode.OK && !result.HasErrors, result.Text);
        return result.Data.At("importMembers");
    }

    public static HttpRequestMessage Multipart(string csv, bool dryRun, bool preflightHeader = true)
    {
        var operations = JsonSerializer.Serialize(new { query = Import, variables = new { input = new { file = (string?)null, dryRun } } });
        var content = new MultipartFormDataContent
        {
            { new StringContent(operations, Encoding.UTF8), "operations" },
            { new StringContent("""{"0": ["variables.input.file"]}""", Encoding.UTF8), "map" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "0", "members.csv");
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        if (preflightHeader)
        {
            request.Headers.Add("GraphQL-Require-Preflight", "1");
        }

        return request;
    }

    /// <summary>A member number far from those the sequence gives out in the shared test database.</summary>
    public static long FreshNumber() => 500_000 + Random.Shared.NextInt64(0, 400_000_000);

    public static string Ori(string state) => state + Random.Shared.Next(0, 9_999_999).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<string> GiveOriAsync(ApiFixture api, Agency agency)
    {
        var ori = Ori(agency.StateCode);
        await using var db = await api.Db.CreateDbContextAsync();
        await db.Agencies.Where(a => a.Id == agency.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.OriCode, ori));
        return ori;
    }
}
