using Membership.Tests.Infrastructure;

namespace Membership.Tests.Certifications.Records;

/// <summary>Certificates and their courses come through batch loaders: the number of SQL commands does not grow with the page.</summary>
public abstract class CertificateLoadingTests(ApiFixture api) : ApiTest(api)
{
    private const string Document = """
        query($search: String!) {
          members(first: 50, filter: { search: $search }) { nodes { memberNumber certificates { number status course { name } } } }
        }
        """;

    private readonly CertificationRequests _requests = new(api);

    [SkippableFact]
    public async Task Thirty_members_with_certificates_cost_as_many_commands_as_three()
    {
        var few = await MembersWithCertificatesAsync(3);
        var many = await MembersWithCertificatesAsync(30);

        var (fewCommands, fewMembers) = await CommandsForAsync(few);
        var (manyCommands, manyMembers) = await CommandsForAsync(many);

        Assert.Equal(3, fewMembers);
        Assert.Equal(30, manyMembers);
        Assert.Equal(fewCommands, manyCommands);
    }

    /// <summary>Members sharing a fresh surname prefix, each with two certificates of different courses; returns the prefix.</summary>
    private async Task<string> MembersWithCertificatesAsync(int count)
    {
        var prefix = TestData.Unique("Batch");
        var members = await _requests.MembersAsync(count, prefix);
        foreach (var course in new[] { "BASIC-SRO", "AMHT" })
        {
            var result = await _requests.RosterAsync(course, members.Select(m => CertificationRequests.Row(m.MemberNumber, _requests.Today)));
            Assert.Equal(count, result.Data.At("recordRoster.certificates").GetArrayLength());
        }

        return prefix;
    }

    private async Task<(int Commands, int Members)> CommandsForAsync(string prefix)
    {
        Api.Commands.Reset();
        var data = await _requests.QueryAsync(Document, new { search = prefix }, TestIdentity.Staff);
        var commands = Api.Commands.Count;
        var nodes = data.At("members.nodes").EnumerateArray().ToList();
        Assert.All(nodes, n => Assert.Equal(2, n.GetProperty("certificates").GetArrayLength()));
        Assert.All(nodes, n => Assert.All(n.GetProperty("certificates").EnumerateArray(), c => Assert.False(string.IsNullOrEmpty(c.Str("course.name")))));
        return (commands, nodes.Count);
    }
}

public sealed class CertificateLoadingTestsOnSqlite(SqliteApi api) : CertificateLoadingTests(api), IClassFixture<SqliteApi>;

public sealed class CertificateLoadingTestsOnPostgreSql(PostgreSqlApi api) : CertificateLoadingTests(api), IClassFixture<PostgreSqlApi>;

public sealed class CertificateLoadingTestsOnSqlServer(SqlServerApi api) : CertificateLoadingTests(api), IClassFixture<SqlServerApi>;
