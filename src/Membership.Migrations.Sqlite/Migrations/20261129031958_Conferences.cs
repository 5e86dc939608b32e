using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Conferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Conferences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Venue = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StateCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 2, nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    SeatsTaken = table.Column<int>(type: "INTEGER", nullable: false),
                    RegistrationOpensAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RegistrationClosesAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TransferCutoffAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RefundCutoffAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Conferences", x => x.Id);
                    table.CheckConstraint("CK_Conferences_Seats", "\"SeatsTaken\" >= 0 AND \"SeatsTaken\" <= \"Capacity\"");
                    table.ForeignKey(
                        name: "FK_Conferences_States_StateCode",
                        column: x => x.StateCode,
                        principalTable: "States",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TicketTypes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConferenceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    MemberPrice = table.Column<long>(type: "INTEGER", nullable: false),
                    NonMemberPrice = table.Column<long>(type: "INTEGER", nullable: false),
                    EarlyBirdMemberPrice = table.Column<long>(type: "INTEGER", nullable: true),
                    EarlyBirdNonMemberPrice = table.Column<long>(type: "INTEGER", nullable: true),
                    EarlyBirdUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    Currency = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    Quota = table.Column<int>(type: "INTEGER", nullable: false),
                    Taken = table.Column<int>(type: "INTEGER", nullable: false),
                    SalesStartAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SalesEndAt = table.Column<long>(type: "INTEGER", nullable: false),
                    MaxPerOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    MembersOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                    RequiresGoodStanding = table.Column<bool>(type: "INTEGER", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketTypes", x => x.Id);
                    table.CheckConstraint("CK_TicketTypes_Seats", "\"Taken\" >= 0 AND \"Taken\" <= \"Quota\"");
                    table.ForeignKey(
                        name: "FK_TicketTypes_Conferences_ConferenceId",
                        column: x => x.ConferenceId,
                        principalTable: "Conferences",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TicketTypes_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Vouchers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConferenceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PercentOff = table.Column<int>(type: "INTEGER", nullable: true),
                    AmountOff = table.Column<long>(type: "INTEGER", nullable: true),
                    MaxUses = table.Column<int>(type: "INTEGER", nullable: false),
                    Used = table.Column<int>(type: "INTEGER", nullable: false),
                    ValidFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    ValidUntil = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Vouchers", x => x.Id);
                    table.CheckConstraint("CK_Vouchers_Uses", "\"Used\" >= 0 AND \"Used\" <= \"MaxUses\"");
                    table.ForeignKey(
                        name: "FK_Vouchers_Conferences_ConferenceId",
                        column: x => x.ConferenceId,
                        principalTable: "Conferences",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WaitingList",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketTypeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 201, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    JoinedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OfferedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OfferExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OfferCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WaitingList", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WaitingList_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WaitingList_TicketTypes_TicketTypeId",
                        column: x => x.TicketTypeId,
                        principalTable: "TicketTypes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TicketOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ConferenceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BuyerMemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BuyerAgencyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BuyerName = table.Column<string>(type: "TEXT", maxLength: 201, nullable: false),
                    BuyerEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    HoldExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    VoucherId = table.Column<Guid>(type: "TEXT", nullable: true),
                    VoucherUses = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    RefundedAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    IdempotencyKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    StripeCheckoutSessionId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    StripePaymentIntentId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CheckoutUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    WaitingListEntryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PaidAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CloseReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketOrders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TicketOrders_Agencies_BuyerAgencyId",
                        column: x => x.BuyerAgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TicketOrders_Conferences_ConferenceId",
                        column: x => x.ConferenceId,
                        principalTable: "Conferences",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TicketOrders_Members_BuyerMemberId",
                        column: x => x.BuyerMemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TicketOrders_Vouchers_VoucherId",
                        column: x => x.VoucherId,
                        principalTable: "Vouchers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VoucherTicketType",
                columns: table => new
                {
                    VoucherId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketTypeId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoucherTicketType", x => new { x.VoucherId, x.TicketTypeId });
                    table.ForeignKey(
                        name: "FK_VoucherTicketType_TicketTypes_TicketTypeId",
                        column: x => x.TicketTypeId,
                        principalTable: "TicketTypes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VoucherTicketType_Vouchers_VoucherId",
                        column: x => x.VoucherId,
                        principalTable: "Vouchers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Tickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConferenceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketTypeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Price = table.Column<long>(type: "INTEGER", nullable: false),
                    AttendeeMemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AttendeeName = table.Column<string>(type: "TEXT", maxLength: 201, nullable: true),
                    AttendeeNameKey = table.Column<string>(type: "TEXT", maxLength: 201, nullable: true),
                    AttendeeEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CheckedInAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CheckedInBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TransferredToId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tickets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Tickets_Members_AttendeeMemberId",
                        column: x => x.AttendeeMemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Tickets_TicketOrders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "TicketOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Tickets_TicketTypes_TicketTypeId",
                        column: x => x.TicketTypeId,
                        principalTable: "TicketTypes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TicketTransfers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromTicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ToTicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromName = table.Column<string>(type: "TEXT", maxLength: 201, nullable: true),
                    ToName = table.Column<string>(type: "TEXT", maxLength: 201, nullable: true),
                    By = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketTransfers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TicketTransfers_Tickets_FromTicketId",
                        column: x => x.FromTicketId,
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TicketTransfers_Tickets_ToTicketId",
                        column: x => x.ToTicketId,
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "NumberSequences",
                columns: new[] { "Name", "LastValue" },
                values: new object[] { "ticket-order", 0L });

            migrationBuilder.CreateIndex(
                name: "IX_Conferences_StartsAt",
                table: "Conferences",
                column: "StartsAt");

            migrationBuilder.CreateIndex(
                name: "IX_Conferences_StateCode",
                table: "Conferences",
                column: "StateCode");

            migrationBuilder.CreateIndex(
                name: "IX_TicketOrders_BuyerAgencyId",
                table: "TicketOrders",
                column: "BuyerAgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_TicketOrders_BuyerMemberId_CreatedAt",
                table: "TicketOrders",
                columns: new[] { "BuyerMemberId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TicketOrders_ConferenceId_BuyerEmail",
                table: "TicketOrders",
                columns: new[] { "ConferenceId", "BuyerEmail" });

            migrationBuilder.CreateIndex(
                name: "IX_TicketOrders_ConferenceId_CreatedAt",
                table: "TicketOrders",
                columns: new[] { "ConferenceId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TicketOrders_IdempotencyKey",
                table: "TicketOrders",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TicketOrders_Number",
                table: "TicketOrders",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TicketOrders_Status_HoldExpiresAt",
                table: "TicketOrders",
                columns: new[] { "Status", "HoldExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TicketOrders_StripeCheckoutSessionId",
                table: "TicketOrders",
                column: "StripeCheckoutSessionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TicketOrders_StripePaymentIntentId",
                table: "TicketOrders",
                column: "StripePaymentIntentId");

            migrationBuilder.CreateIndex(
                name: "IX_TicketOrders_VoucherId",
                table: "TicketOrders",
                column: "VoucherId");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_AttendeeMemberId",
                table: "Tickets",
                column: "AttendeeMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Code",
                table: "Tickets",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ConferenceId_AttendeeEmail",
                table: "Tickets",
                columns: new[] { "ConferenceId", "AttendeeEmail" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ConferenceId_CreatedAt",
                table: "Tickets",
                columns: new[] { "ConferenceId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ConferenceId_Status",
                table: "Tickets",
                columns: new[] { "ConferenceId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_OrderId",
                table: "Tickets",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_TicketTypeId_Status",
                table: "Tickets",
                columns: new[] { "TicketTypeId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_TicketTransfers_FromTicketId",
                table: "TicketTransfers",
                column: "FromTicketId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TicketTransfers_ToTicketId",
                table: "TicketTransfers",
                column: "ToTicketId");

            migrationBuilder.CreateIndex(
                name: "IX_TicketTypes_ConferenceId",
                table: "TicketTypes",
                column: "ConferenceId");

            migrationBuilder.CreateIndex(
                name: "IX_TicketTypes_CourseId",
                table: "TicketTypes",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_Vouchers_ConferenceId_Code",
                table: "Vouchers",
                columns: new[] { "ConferenceId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VoucherTicketType_TicketTypeId",
                table: "VoucherTicketType",
                column: "TicketTypeId");

            migrationBuilder.CreateIndex(
                name: "IX_WaitingList_MemberId",
                table: "WaitingList",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_WaitingList_OfferCode",
                table: "WaitingList",
                column: "OfferCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WaitingList_TicketTypeId_Status_JoinedAt",
                table: "WaitingList",
                columns: new[] { "TicketTypeId", "Status", "JoinedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TicketTransfers");

            migrationBuilder.DropTable(
                name: "VoucherTicketType");

            migrationBuilder.DropTable(
                name: "WaitingList");

            migrationBuilder.DropTable(
                name: "Tickets");

            migrationBuilder.DropTable(
                name: "TicketOrders");

            migrationBuilder.DropTable(
                name: "TicketTypes");

            migrationBuilder.DropTable(
                name: "Vouchers");

            migrationBuilder.DropTable(
                name: "Conferences");

            migrationBuilder.DeleteData(
                table: "NumberSequences",
                keyColumn: "Name",
                keyValue: "ticket-order");
        }
    }
}
