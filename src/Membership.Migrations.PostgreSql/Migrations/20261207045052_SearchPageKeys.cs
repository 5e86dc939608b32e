using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class SearchPageKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Members_FirstNameKey_Number",
                table: "Members");

            migrationBuilder.CreateIndex(
                name: "IX_Members_FirstNameKey_LastNameKey_Number",
                table: "Members",
                columns: new[] { "FirstNameKey", "LastNameKey", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Members_FirstNameKey_LastNameKey_Number",
                table: "Members");

            migrationBuilder.CreateIndex(
                name: "IX_Members_FirstNameKey_Number",
                table: "Members",
                columns: new[] { "FirstNameKey", "Number" });
        }
    }
}
