using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Dues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "PaymentLineId",
                table: "MembershipTerms",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RefundedAt",
                table: "MembershipTerms",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DuesPayments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReceiptNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PayerMemberId = table.Column<Guid>(type: "uuid", nullable: true),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: true),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    RefundedAmount = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AutoRenew = table.Column<bool>(type: "boolean", nullable: false),
                    IdempotencyKey = table.Column<Guid>(type: "uuid", nullable: false),
                    StripeCustomerId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    StripeCheckoutSessionId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    StripePaymentIntentId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    StripeSubscriptionId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    StripeInvoiceId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CheckoutUrl = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FailureReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuesPayments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DuesPayments_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DuesPayments_Members_PayerMemberId",
                        column: x => x.PayerMemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DuesPayments_MembershipPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "MembershipPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DuesSubscriptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    StripeSubscriptionId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    CancelAtPeriodEnd = table.Column<bool>(type: "boolean", nullable: false),
                    CurrentPeriodEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuesSubscriptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DuesSubscriptions_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DuesSubscriptions_MembershipPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "MembershipPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "JobLeases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Holder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobLeases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "PaymentCustomers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: true),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: true),
                    StripeCustomerId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentCustomers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaymentCustomers_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PaymentCustomers_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StripeEvents",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ObjectId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StripeEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DuesPaymentLines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PaymentId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    TermId = table.Column<Guid>(type: "uuid", nullable: true),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: true),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuesPaymentLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DuesPaymentLines_DuesPayments_PaymentId",
                        column: x => x.PaymentId,
                        principalTable: "DuesPayments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DuesPaymentLines_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DuesPaymentLines_MembershipTerms_TermId",
                        column: x => x.TermId,
                        principalTable: "MembershipTerms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DuesRefunds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PaymentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    IdempotencyKey = table.Column<Guid>(type: "uuid", nullable: false),
                    StripeRefundId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuesRefunds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DuesRefunds_DuesPayments_PaymentId",
                        column: x => x.PaymentId,
                        principalTable: "DuesPayments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "NumberSequences",
                columns: new[] { "Name", "LastValue" },
                values: new object[] { "receipt", 0L });

            migrationBuilder.CreateIndex(
                name: "IX_MembershipTerms_PaymentLineId",
                table: "MembershipTerms",
                column: "PaymentLineId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DuesPaymentLines_MemberId",
                table: "DuesPaymentLines",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_DuesPaymentLines_PaymentId",
                table: "DuesPaymentLines",
                column: "PaymentId");

            migrationBuilder.CreateIndex(
                name: "IX_DuesPaymentLines_TermId",
                table: "DuesPaymentLines",
                column: "TermId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DuesPayments_AgencyId_CreatedAt",
                table: "DuesPayments",
                columns: new[] { "AgencyId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DuesPayments_CreatedAt",
                table: "DuesPayments",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_DuesPayments_IdempotencyKey",
                table: "DuesPayments",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DuesPayments_PayerMemberId_CreatedAt",
                table: "DuesPayments",
                columns: new[] { "PayerMemberId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DuesPayments_PlanId_CreatedAt",
                table: "DuesPayments",
                columns: new[] { "PlanId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DuesPayments_ReceiptNumber",
                table: "DuesPayments",
                column: "ReceiptNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DuesPayments_Status_CreatedAt",
                table: "DuesPayments",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DuesPayments_StripeCheckoutSessionId",
                table: "DuesPayments",
                column: "StripeCheckoutSessionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DuesPayments_StripeInvoiceId",
                table: "DuesPayments",
                column: "StripeInvoiceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DuesPayments_StripePaymentIntentId",
                table: "DuesPayments",
                column: "StripePaymentIntentId");

            migrationBuilder.CreateIndex(
                name: "IX_DuesPayments_StripeSubscriptionId",
                table: "DuesPayments",
                column: "StripeSubscriptionId");

            migrationBuilder.CreateIndex(
                name: "IX_DuesRefunds_IdempotencyKey",
                table: "DuesRefunds",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DuesRefunds_PaymentId",
                table: "DuesRefunds",
                column: "PaymentId");

            migrationBuilder.CreateIndex(
                name: "IX_DuesRefunds_StripeRefundId",
                table: "DuesRefunds",
                column: "StripeRefundId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DuesSubscriptions_MemberId",
                table: "DuesSubscriptions",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_DuesSubscriptions_PlanId",
                table: "DuesSubscriptions",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_DuesSubscriptions_StripeSubscriptionId",
                table: "DuesSubscriptions",
                column: "StripeSubscriptionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentCustomers_AgencyId",
                table: "PaymentCustomers",
                column: "AgencyId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentCustomers_MemberId",
                table: "PaymentCustomers",
                column: "MemberId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentCustomers_StripeCustomerId",
                table: "PaymentCustomers",
                column: "StripeCustomerId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StripeEvents_ReceivedAt",
                table: "StripeEvents",
                column: "ReceivedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DuesPaymentLines");

            migrationBuilder.DropTable(
                name: "DuesRefunds");

            migrationBuilder.DropTable(
                name: "DuesSubscriptions");

            migrationBuilder.DropTable(
                name: "JobLeases");

            migrationBuilder.DropTable(
                name: "PaymentCustomers");

            migrationBuilder.DropTable(
                name: "StripeEvents");

            migrationBuilder.DropTable(
                name: "DuesPayments");

            migrationBuilder.DropIndex(
                name: "IX_MembershipTerms_PaymentLineId",
                table: "MembershipTerms");

            migrationBuilder.DeleteData(
                table: "NumberSequences",
                keyColumn: "Name",
                keyValue: "receipt");

            migrationBuilder.DropColumn(
                name: "PaymentLineId",
                table: "MembershipTerms");

            migrationBuilder.DropColumn(
                name: "RefundedAt",
                table: "MembershipTerms");
        }
    }
}
