using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Membership.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class I15Reminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "RenewalRemindersOff",
                table: "Members",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "RenewalReminderSteps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Key = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Anchor = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    OffsetDays = table.Column<int>(type: "int", nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    IsActive = table.Column<bool>(type: "bit", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RenewalReminderSteps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RenewalReminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MemberId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TermId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StepId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StepKey = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    MailId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RenewalReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RenewalReminders_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RenewalReminders_MembershipTerms_TermId",
                        column: x => x.TermId,
                        principalTable: "MembershipTerms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RenewalReminders_RenewalReminderSteps_StepId",
                        column: x => x.StepId,
                        principalTable: "RenewalReminderSteps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "RenewalReminderSteps",
                columns: new[] { "Id", "Anchor", "IsActive", "Key", "OffsetDays", "Subject", "Text", "UpdatedAt" },
                values: new object[,]
                {
                    { new Guid("0193a000-0000-7000-8000-000000000001"), "TermEnd", true, "grace", 1, "Your membership has ended: renew by {graceEndsOn}", "Hello {firstName},\n\nYour membership ({plan}, member {memberNumber}) ended on {endsOn}. You stay in good standing until {graceEndsOn}; renew before then:\n\n{renewUrl}\n", new DateTimeOffset(new DateTime(2026, 12, 7, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { new Guid("0193a000-0000-7000-8000-000000000007"), "TermEnd", true, "before-7", -7, "One week left: your membership ends on {endsOn}", "Hello {firstName},\n\nYour membership ({plan}, member {memberNumber}) ends in a week, on {endsOn}. Renew here:\n\n{renewUrl}\n", new DateTimeOffset(new DateTime(2026, 12, 7, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { new Guid("0193a000-0000-7000-8000-000000000030"), "TermEnd", true, "before-30", -30, "30 days left: renew your {association} membership", "Hello {firstName},\n\nYour membership ({plan}, member {memberNumber}) ends on {endsOn}, in 30 days. Renew here:\n\n{renewUrl}\n", new DateTimeOffset(new DateTime(2026, 12, 7, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { new Guid("0193a000-0000-7000-8000-000000000060"), "TermEnd", true, "before-60", -60, "Your {association} membership ends on {endsOn}", "Hello {firstName},\n\nYour membership ({plan}, member {memberNumber}) runs until {endsOn}. Renew now and your next term starts the day after, so you lose no days:\n\n{renewUrl}\n\nThank you for your membership.", new DateTimeOffset(new DateTime(2026, 12, 7, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { new Guid("0193a000-0000-7000-8000-000000000100"), "GraceEnd", true, "lapsed", 1, "Your {association} membership has lapsed", "Hello {firstName},\n\nYour membership ({plan}, member {memberNumber}) has lapsed: it ended on {endsOn} and its grace period on {graceEndsOn}. You can rejoin at any time:\n\n{renewUrl}\n", new DateTimeOffset(new DateTime(2026, 12, 7, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) }
                });

            migrationBuilder.CreateIndex(
                name: "IX_RenewalReminders_MemberId_TermId_StepId",
                table: "RenewalReminders",
                columns: new[] { "MemberId", "TermId", "StepId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RenewalReminders_SentAt_Id",
                table: "RenewalReminders",
                columns: new[] { "SentAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_RenewalReminders_StepId",
                table: "RenewalReminders",
                column: "StepId");

            migrationBuilder.CreateIndex(
                name: "IX_RenewalReminders_StepKey_SentAt_Id",
                table: "RenewalReminders",
                columns: new[] { "StepKey", "SentAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_RenewalReminders_TermId_DueOn",
                table: "RenewalReminders",
                columns: new[] { "TermId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_RenewalReminderSteps_Anchor_OffsetDays",
                table: "RenewalReminderSteps",
                columns: new[] { "Anchor", "OffsetDays" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RenewalReminderSteps_Key",
                table: "RenewalReminderSteps",
                column: "Key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RenewalReminders");

            migrationBuilder.DropTable(
                name: "RenewalReminderSteps");

            migrationBuilder.DropColumn(
                name: "RenewalRemindersOff",
                table: "Members");
        }
    }
}
