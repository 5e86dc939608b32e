using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AgencyConfirmation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AgencyConfirmedAt",
                table: "Members",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AgencyConfirmedAt",
                table: "Members");
        }
    }
}
