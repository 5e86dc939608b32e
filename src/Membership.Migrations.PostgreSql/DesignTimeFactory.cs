using Membership.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Membership.Migrations.PostgreSql;

/// <summary>Lets dotnet-ef build the model for this provider; it never opens the connection for add/script.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MembershipDbContext>
{
    public MembershipDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<MembershipDbContext>();
        DatabaseSetup.UseProvider(builder, DatabaseProvider.PostgreSql, "Host=localhost;Database=membership_design");
        return new MembershipDbContext(builder.Options);
    }
}
