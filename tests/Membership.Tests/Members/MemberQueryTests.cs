using Membership.Data;
using Membership.Members;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Members;

public abstract class MemberQueryTests(ApiFixture api) : ApiTest(api)
{
    [SkippableFact]
    public async Task Staff_reads_a_member_with_private_fields_and_status()
    {
        var data = new TestData(Api);
        var plan = await data.PlanAsync();
        var agency = await data.AgencyAsync();
        var member = await data.MemberAsync(plan, agency);

        var result = await Client.DataAsync(
            "query($id: ID!) { member(id: $id) { memberNumber email agency { name } membershipStatus inGoodStanding region { number } } }",
            new { id = TestData.MemberId(member) }, TestIdentity.Staff);

        Assert.Equal(member.MemberNumber, result.Str("member.memberNumber"));
        Assert.Equal(member.Email, result.Str("member.email"));
        Assert.Equal(agency.Name, result.Str("member.agency.name"));
        Assert.Equal("ACTIVE", result.Str("member.membershipStatus"));
        Assert.True(result.At("member.inGoodStanding").GetBoolean());
        Assert.Equal(6, result.At("member.region.number").GetInt32());
    }
}

public sealed class MemberQueryTestsOnSqlite(SqliteApi api) : MemberQueryTests(api), IClassFixture<SqliteApi>;

public sealed class MemberQueryTestsOnPostgreSql(PostgreSqlApi api) : MemberQueryTests(api), IClassFixture<PostgreSqlApi>;

public sealed class MemberQueryTestsOnSqlServer(SqlServerApi api) : MemberQueryTests(api), IClassFixture<SqlServerApi>;
