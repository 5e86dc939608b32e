using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AccessHardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BuyerKey",
                table: "TicketOrders",
                type: "character varying(140)",
                maxLength: 140,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TicketBuyers",
                columns: table => new
                {
                    ConferenceId = table.Column<Guid>(type: "uuid", nullable: false),
                    BuyerKey = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: false),
                    LastPurchaseAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketBuyers", x => new { x.ConferenceId, x.BuyerKey });
                    table.ForeignKey(
                        name: "FK_TicketBuyers_Conferences_ConferenceId",
                        column: x => x.ConferenceId,
                        principalTable: "Conferences",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TicketOrders_ConferenceId_BuyerKey_Status",
                table: "TicketOrders",
                columns: new[] { "ConferenceId", "BuyerKey", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Members_DirectoryOptIn_LastNameKey_FirstNameKey_Number",
                table: "Members",
                columns: new[] { "DirectoryOptIn", "LastNameKey", "FirstNameKey", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TicketBuyers");

            migrationBuilder.DropIndex(
                name: "IX_TicketOrders_ConferenceId_BuyerKey_Status",
                table: "TicketOrders");

            migrationBuilder.DropIndex(
                name: "IX_Members_DirectoryOptIn_LastNameKey_FirstNameKey_Number",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "BuyerKey",
                table: "TicketOrders");
        }
    }
}
