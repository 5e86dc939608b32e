using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Members_IsSwornOfficer_LastNameKey_FirstNameKey_Number",
                table: "Members",
                columns: new[] { "IsSwornOfficer", "LastNameKey", "FirstNameKey", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Members_IsSwornOfficer_LastNameKey_FirstNameKey_Number",
                table: "Members");
        }
    }
}
