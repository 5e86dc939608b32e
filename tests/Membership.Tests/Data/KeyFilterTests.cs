using Membership.Data;
using Membership.Members;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tests.Data;

/// <summary>
/// A batch's condition on its keys as each provider receives it: one key as one scalar parameter, several as one set
/// (an array on PostgreSQL, a list of parameters elsewhere). The statements of real batches over HTTP are in
/// Members.MemberQueryTests; this shows the SQL Server text too, which no server here runs.
/// </summary>
public sealed class KeyFilterTests
{
    public static TheoryData<DatabaseProvider> Providers => new(Enum.GetValues<DatabaseProvider>());

    [Theory]
    [MemberData(nameof(Providers))]
    public void One_key_is_one_parameter_and_several_keys_are_one_set(DatabaseProvider provider)
    {
        using var db = ProviderModelTests.Context(provider);
        Guid[] keys = [Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7()];

        var one = db.Members.WhereKeyIn(m => m.Id, [keys[0]]).ToQueryString();
        var several = db.Members.WhereKeyIn(m => m.Id, keys).ToQueryString();

        Assert.Matches(@"(""Id""|\[Id\]) = @Key\b", one);
        Assert.DoesNotMatch(@"\bIN \(|ANY \(|OPENJSON|json_each", one);
        Assert.Matches(provider == DatabaseProvider.PostgreSql ? @"= ANY \(@Keys\)" : @"\bIN \(@Keys1, @Keys2, @Keys3", several);
    }

    [Fact]
    public void A_compiled_query_may_use_its_keys_only_as_the_set_of_Contains()
    {
        // The one-key form replaces ids.Contains(x) with x == key: any other use of the keys would be left dangling.
        var error = Assert.Throws<ArgumentException>(() => new KeyedQuery<Guid, Member>((db, ids) => db.Members.Where(m => ids.Length > 1 && ids.Contains(m.Id))));
        Assert.Contains("only as the collection of Contains", error.Message, StringComparison.Ordinal);
    }
}
