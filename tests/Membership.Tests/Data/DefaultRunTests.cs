using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Membership.Tests.Data;

/// <summary>
/// `dotnet run --project src/Membership.Api` on a fresh clone: Development, no Database settings, no connection string.
/// The only setting given is DataDirectory, a temp folder standing in for src/Membership.Api/data.
/// </summary>
[Trait(MembershipTestFramework.ProviderTrait, "Sqlite")] // its own SQLite file, no fixture
public sealed class DefaultRunTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("membership-default-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }

    [Fact]
    public async Task Development_with_no_database_settings_migrates_a_SQLite_file_in_the_data_folder_and_answers()
    {
        var database = Path.Combine(_data.FullName, "membership.db");
        Assert.False(File.Exists(database));

        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("DataDirectory", _data.FullName);
        });
        var client = new GraphQLClient(factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") }));

        var result = await client.DataAsync("{ regions { number } membershipPlans { code } agencies(first: 1) { totalCount } }");

        Assert.True(File.Exists(database), $"no {database}");
        Assert.Equal(9, result.At("regions").GetArrayLength()); // migrated: the regions are seed data of a migration
        Assert.Contains(result.At("membershipPlans").EnumerateArray(), p => p.Str("code") == "REGULAR-ANNUAL"); // demo data of Development
        Assert.True(result.At("agencies.totalCount").GetInt32() >= 10);
    }
}
