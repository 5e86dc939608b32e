using Membership.Data;
using Membership.GraphQL;
using Membership.GraphQL.Paging;
using Membership.Identity;
using Membership.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using System.Security.Claims;

namespace Membership.Tests.Data;

/// <summary>
/// What can be shown about every provider without its server: the model builds, the migrations match it, the
/// idempotent script generates, and the member list's queries translate. SQL Server has no engine on Debian,
/// so these are its guarantees here; MEMBERSHIP_TEST_SQLSERVER runs the database tests against a real one.
/// </summary>
public sealed class ProviderModelTests
{
    private static readonly Dictionary<DatabaseProvider, string> OfflineConnections = new()
    {
        [DatabaseProvider.Sqlite] = "Data Source=:memory:",
        [DatabaseProvider.PostgreSql] = "Host=localhost;Database=offline",
        [DatabaseProvider.SqlServer] = "Server=localhost;Database=offline;TrustServerCertificate=True",
    };

    public static TheoryData<DatabaseProvider> Providers => new(Enum.GetValues<DatabaseProvider>());

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_migrations_match_the_model(DatabaseProvider provider)
    {
        using var db = Context(provider);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model changed without a migration for {provider}: run infra/scripts/add-migration.sh <Name>.");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_deployment_script_generates(DatabaseProvider provider)
    {
        using var db = Context(provider);

        // SQLite cannot make idempotent scripts; it is migrated by the host, never by a script.
        var options = provider == DatabaseProvider.Sqlite ? MigrationsSqlGenerationOptions.Default : MigrationsSqlGenerationOptions.Idempotent;
        var script = db.GetService<IMigrator>().GenerateScript(options: options);

        Assert.Contains("Members", script, StringComparison.Ordinal);
        if (provider == DatabaseProvider.SqlServer)
        {
            Assert.Contains("IF NOT EXISTS", script, StringComparison.Ordinal);
            Assert.Contains("[EmailNormalized]", script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_SQL_Server_model_uses_native_types_and_no_cascading_cycles()
    {
        using var db = Context(DatabaseProvider.SqlServer);
        var member = db.Model.FindEntityType(typeof(Member))!;

        string StoreType(string property) => member.FindProperty(property)!.GetRelationalTypeMapping().StoreType;
        Assert.Equal("datetimeoffset", StoreType(nameof(Member.CreatedAt)));
        Assert.Equal("date", StoreType(nameof(Member.DateOfBirth)));
        Assert.Equal("nvarchar(16)", StoreType(nameof(Member.Category)));
        // Our rows are never deleted by cascade (SQL Server also forbids the member/term cycle); owned columns share their row.
        // Identity's and OpenIddict's own tables keep their cascades (an account's roles go with the account).
        Assert.All(db.Model.GetEntityTypes().Where(e => e.ClrType.Namespace?.StartsWith("Membership", StringComparison.Ordinal) == true)
                .SelectMany(e => e.GetForeignKeys()).Where(fk => !fk.IsOwnership),
            fk => Assert.NotEqual(DeleteBehavior.Cascade, fk.DeleteBehavior));
    }

    public static TheoryData<DatabaseProvider, string> MemberQueries()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            foreach (var status in Enum.GetValues<MembershipStatus>())
            {
                data.Add(provider, $"status:{status}");
            }

            foreach (var order in new[] { "Name:Asc", "Name:Desc", "MemberNumber:Asc", "CreatedAt:Desc" })
            {
                data.Add(provider, $"order:{order}");
            }

            data.Add(provider, "filters");
            data.Add(provider, "email");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MemberQueries))]
    public void Member_list_queries_translate(DatabaseProvider provider, string shape)
    {
        using var db = Context(provider);
        var today = new DateOnly(2026, 11, 29);
        var staff = Staff();
        Assert.True(staff.IsStaff);
        var (kind, value) = (shape.Split(':')[0], shape.Split(':').Skip(1).FirstOrDefault());
        var filter = kind switch
        {
            "status" => new MemberFilter { Status = [Enum.Parse<MembershipStatus>(value!)] },
            "filters" => new MemberFilter
            {
                Search = "núñez jo", Category = [MemberCategory.Regular], State = ["al"], Region = [6], InGoodStanding = true, SwornOfficer = true,
            },
            "email" => new MemberFilter { Search = "Jo.Nunez@Example.org" },
            _ => new MemberFilter(),
        };
        var order = kind == "order"
            ? MemberOrders.For(new MemberOrder { Field = Enum.Parse<MemberOrderField>(value!), Direction = Enum.Parse<SortDirection>(shape.Split(':')[2]) })
            : MemberOrders.For(null);

        var query = MemberSearch.Apply(db.Members.VisibleTo(db, staff, today), db, filter, [Guid.CreateVersion7()], staff, today);
        var sample = new Member { FirstName = "Jo", LastName = "Núñez", Email = "x", EmailNormalized = "x", StateCode = "AL", Number = 12 };
        sample.SetName(sample.FirstName, sample.LastName);
        var page = order.Apply(query.Where(order.Beyond(order.Read(sample), before: false, KeysetOrder<Member>.SyntaxFor(db))), reverse: false).Take(21);

        var sql = page.ToQueryString();

        Assert.Contains("Members", sql, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?i)\bOFFSET\b|\bSKIP\b", sql); // keyset, never offset paging
        Assert.DoesNotMatch(@"(?i)WHERE\s+(FALSE|0\s*=\s*1)\b", sql);
        var first = kind == "order" ? value switch { "MemberNumber" => "Number", "CreatedAt" => "CreatedAt", _ => "LastNameKey" } : "LastNameKey";
        // The keyset condition: the first order column bounded by the cursor's value (a parameter), alone or in a row value.
        Assert.Matches($@"{first}[\]""`]?\s*[<>]=?\s*[@:$]|\([^()]*{first}[^()]*\)\s*[<>]\s*\(\s*[@:$]", sql);
        var columns = kind switch
        {
            "status" => value == nameof(MembershipStatus.Suspended) ? ["SuspendedAt"] : new[] { "SuspendedAt", "CancelledAt" },
            "filters" => ["Category", "StateCode", "RegionNumber", "AgencyId", "IsSwornOfficer", "FirstNameKey", "ActivatedAt", "EndsOn"],
            "email" => ["EmailNormalized"],
            _ => [],
        };
        Assert.All(columns, column => Assert.Contains(column, sql, StringComparison.Ordinal));
        Assert.NotEmpty(query.Select(m => m.Id).ToQueryString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void The_directory_and_an_agencys_listed_members_translate(DatabaseProvider provider)
    {
        using var db = Context(provider);
        var reader = new Caller(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(MembershipClaims.Subject, "reader"), new Claim(MembershipClaims.MemberId, Guid.CreateVersion7().ToString()), new Claim(MembershipClaims.Scope, ApiScopes.Self),
             new Claim(MembershipClaims.Scope, ApiScopes.Directory)], "test", MembershipClaims.Subject, MembershipClaims.Role)));
        Assert.True(reader.IsDirectoryReader && !reader.IsStaff);

        var directory = db.Members.VisibleTo(db, reader, new DateOnly(2026, 11, 29)).OfAgencies([Guid.CreateVersion7()], reader);
        var sql = directory.OrderBy(m => m.LastNameKey).Take(21).ToQueryString();
        var count = directory.GroupBy(m => m.AgencyId).Select(g => new { g.Key, Count = g.Count() }).ToQueryString();

        // Opted in, no unconfirmed account, current (the term's dates), and a confirmed agency: all in SQL.
        Assert.All(new[] { "DirectoryOptIn", "EmailConfirmed", "ActivatedAt", "GraceEndsOn", "AgencyConfirmedAt" }, column => Assert.Contains(column, sql, StringComparison.Ordinal));
        Assert.Contains("AgencyConfirmedAt", count, StringComparison.Ordinal);
    }

    /// <summary>The caller of a staff user's token: the role and the staff scope (without the scope, VisibleTo would reduce to WHERE FALSE).</summary>
    internal static Caller Staff() => new(new ClaimsPrincipal(new ClaimsIdentity(
        [new Claim(MembershipClaims.Subject, "staff"), new Claim(MembershipClaims.Role, Roles.Staff), new Claim(MembershipClaims.Scope, ApiScopes.Staff)],
        "test", MembershipClaims.Subject, MembershipClaims.Role)));

    /// <summary>A context on no server; its model built from the entity configurations unless a (compiled) one is given.</summary>
    internal static MembershipDbContext Context(DatabaseProvider provider, Microsoft.EntityFrameworkCore.Metadata.IModel? model = null)
    {
        var builder = new DbContextOptionsBuilder<MembershipDbContext>();
        DatabaseSetup.UseProvider(builder, provider, OfflineConnections[provider]);
        if (model is not null)
        {
            builder.UseModel(model);
        }

        return new MembershipDbContext(builder.Options);
    }
}
