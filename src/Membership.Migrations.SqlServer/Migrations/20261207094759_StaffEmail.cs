using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class StaffEmail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ActorDisplay_At_Id",
                table: "AuditEntries",
                columns: new[] { "ActorDisplay", "At", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ActorDisplay_At_Id",
                table: "AuditEntries");
        }
    }
}
