using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AuditFixes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OpenKey",
                table: "WaitingList",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CountsAsAttendance",
                table: "TicketTypes",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "National",
                table: "Conferences",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateIndex(
                name: "IX_WaitingList_OpenKey",
                table: "WaitingList",
                column: "OpenKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VerificationLog_Query_At",
                table: "VerificationLog",
                columns: new[] { "Query", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationConsents_AgencyId_WithdrawnAt_GrantedAt_Id",
                table: "VerificationConsents",
                columns: new[] { "AgencyId", "WithdrawnAt", "GrantedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WaitingList_OpenKey",
                table: "WaitingList");

            migrationBuilder.DropIndex(
                name: "IX_VerificationLog_Query_At",
                table: "VerificationLog");

            migrationBuilder.DropIndex(
                name: "IX_VerificationConsents_AgencyId_WithdrawnAt_GrantedAt_Id",
                table: "VerificationConsents");

            migrationBuilder.DropColumn(
                name: "OpenKey",
                table: "WaitingList");

            migrationBuilder.DropColumn(
                name: "CountsAsAttendance",
                table: "TicketTypes");

            migrationBuilder.DropColumn(
                name: "National",
                table: "Conferences");
        }
    }
}
