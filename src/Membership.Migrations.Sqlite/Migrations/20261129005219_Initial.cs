using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Membership.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MembershipPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PriceAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    TermKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TermMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodStartMonth = table.Column<int>(type: "INTEGER", nullable: true),
                    GraceDays = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MembershipPlans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NumberSequences",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    LastValue = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NumberSequences", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "Regions",
                columns: table => new
                {
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Regions", x => x.Number);
                });

            migrationBuilder.CreateTable(
                name: "States",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 2, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    RegionNumber = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_States", x => x.Code);
                    table.ForeignKey(
                        name: "FK_States_Regions_RegionNumber",
                        column: x => x.RegionNumber,
                        principalTable: "Regions",
                        principalColumn: "Number",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Agencies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StateCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 2, nullable: false),
                    OriCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 9, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Agencies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Agencies_States_StateCode",
                        column: x => x.StateCode,
                        principalTable: "States",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Members",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FirstNameKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LastNameKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    EmailNormalized = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    MailingAddress_Line1 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    MailingAddress_Line2 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    MailingAddress_City = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    MailingAddress_StateCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 2, nullable: true),
                    MailingAddress_PostalCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    DateOfBirth = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    JobTitle = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IsSwornOfficer = table.Column<bool>(type: "INTEGER", nullable: false),
                    SroSince = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    StateCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 2, nullable: false),
                    DirectoryOptIn = table.Column<bool>(type: "INTEGER", nullable: false),
                    SuspendedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SuspensionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CurrentTermId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Members_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Members_States_StateCode",
                        column: x => x.StateCode,
                        principalTable: "States",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MembershipTerms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    GraceEndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ActivatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancellationReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MembershipTerms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MembershipTerms_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MembershipTerms_MembershipPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "MembershipPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "NumberSequences",
                columns: new[] { "Name", "LastValue" },
                values: new object[] { "member", 0L });

            migrationBuilder.InsertData(
                table: "Regions",
                columns: new[] { "Number", "Name" },
                values: new object[,]
                {
                    { 1, "New England" },
                    { 2, "Middle Atlantic" },
                    { 3, "East North Central" },
                    { 4, "West North Central" },
                    { 5, "South Atlantic" },
                    { 6, "East South Central" },
                    { 7, "West South Central" },
                    { 8, "Mountain" },
                    { 9, "Pacific" }
                });

            migrationBuilder.InsertData(
                table: "States",
                columns: new[] { "Code", "Name", "RegionNumber" },
                values: new object[,]
                {
                    { "AK", "Alaska", 9 },
                    { "AL", "Alabama", 6 },
                    { "AR", "Arkansas", 7 },
                    { "AS", "American Samoa", 9 },
                    { "AZ", "Arizona", 8 },
                    { "CA", "California", 9 },
                    { "CO", "Colorado", 8 },
                    { "CT", "Connecticut", 1 },
                    { "DC", "District of Columbia", 5 },
                    { "DE", "Delaware", 5 },
                    { "FL", "Florida", 5 },
                    { "GA", "Georgia", 5 },
                    { "GU", "Guam", 9 },
                    { "HI", "Hawaii", 9 },
                    { "IA", "Iowa", 4 },
                    { "ID", "Idaho", 8 },
                    { "IL", "Illinois", 3 },
                    { "IN", "Indiana", 3 },
                    { "KS", "Kansas", 4 },
                    { "KY", "Kentucky", 6 },
                    { "LA", "Louisiana", 7 },
                    { "MA", "Massachusetts", 1 },
                    { "MD", "Maryland", 5 },
                    { "ME", "Maine", 1 },
                    { "MI", "Michigan", 3 },
                    { "MN", "Minnesota", 4 },
                    { "MO", "Missouri", 4 },
                    { "MP", "Northern Mariana Islands", 9 },
                    { "MS", "Mississippi", 6 },
                    { "MT", "Montana", 8 },
                    { "NC", "North Carolina", 5 },
                    { "ND", "North Dakota", 4 },
                    { "NE", "Nebraska", 4 },
                    { "NH", "New Hampshire", 1 },
                    { "NJ", "New Jersey", 2 },
                    { "NM", "New Mexico", 8 },
                    { "NV", "Nevada", 8 },
                    { "NY", "New York", 2 },
                    { "OH", "Ohio", 3 },
                    { "OK", "Oklahoma", 7 },
                    { "OR", "Oregon", 9 },
                    { "PA", "Pennsylvania", 2 },
                    { "PR", "Puerto Rico", 5 },
                    { "RI", "Rhode Island", 1 },
                    { "SC", "South Carolina", 5 },
                    { "SD", "South Dakota", 4 },
                    { "TN", "Tennessee", 6 },
                    { "TX", "Texas", 7 },
                    { "UT", "Utah", 8 },
                    { "VA", "Virginia", 5 },
                    { "VI", "U.S. Virgin Islands", 5 },
                    { "VT", "Vermont", 1 },
                    { "WA", "Washington", 9 },
                    { "WI", "Wisconsin", 3 },
                    { "WV", "West Virginia", 5 },
                    { "WY", "Wyoming", 8 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_CreatedAt_Id",
                table: "Agencies",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_Kind",
                table: "Agencies",
                column: "Kind");

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_NameKey_Id",
                table: "Agencies",
                columns: new[] { "NameKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_OriCode",
                table: "Agencies",
                column: "OriCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_StateCode",
                table: "Agencies",
                column: "StateCode");

            migrationBuilder.CreateIndex(
                name: "IX_Members_AgencyId_LastNameKey_FirstNameKey_Number",
                table: "Members",
                columns: new[] { "AgencyId", "LastNameKey", "FirstNameKey", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Members_Category",
                table: "Members",
                column: "Category");

            migrationBuilder.CreateIndex(
                name: "IX_Members_CreatedAt_Number",
                table: "Members",
                columns: new[] { "CreatedAt", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Members_CurrentTermId",
                table: "Members",
                column: "CurrentTermId");

            migrationBuilder.CreateIndex(
                name: "IX_Members_EmailNormalized",
                table: "Members",
                column: "EmailNormalized",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Members_FirstNameKey_Number",
                table: "Members",
                columns: new[] { "FirstNameKey", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Members_LastNameKey_FirstNameKey_Number",
                table: "Members",
                columns: new[] { "LastNameKey", "FirstNameKey", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Members_Number",
                table: "Members",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Members_StateCode",
                table: "Members",
                column: "StateCode");

            migrationBuilder.CreateIndex(
                name: "IX_Members_SuspendedAt",
                table: "Members",
                column: "SuspendedAt");

            migrationBuilder.CreateIndex(
                name: "IX_MembershipPlans_Category_IsActive",
                table: "MembershipPlans",
                columns: new[] { "Category", "IsActive" });

            migrationBuilder.CreateIndex(
                name: "IX_MembershipPlans_Code",
                table: "MembershipPlans",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MembershipTerms_EndsOn",
                table: "MembershipTerms",
                column: "EndsOn");

            migrationBuilder.CreateIndex(
                name: "IX_MembershipTerms_GraceEndsOn",
                table: "MembershipTerms",
                column: "GraceEndsOn");

            migrationBuilder.CreateIndex(
                name: "IX_MembershipTerms_MemberId_StartsOn",
                table: "MembershipTerms",
                columns: new[] { "MemberId", "StartsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_MembershipTerms_PlanId",
                table: "MembershipTerms",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_States_RegionNumber",
                table: "States",
                column: "RegionNumber");

            migrationBuilder.AddForeignKey(
                name: "FK_Members_MembershipTerms_CurrentTermId",
                table: "Members",
                column: "CurrentTermId",
                principalTable: "MembershipTerms",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Agencies_States_StateCode",
                table: "Agencies");

            migrationBuilder.DropForeignKey(
                name: "FK_Members_States_StateCode",
                table: "Members");

            migrationBuilder.DropForeignKey(
                name: "FK_Members_Agencies_AgencyId",
                table: "Members");

            migrationBuilder.DropForeignKey(
                name: "FK_Members_MembershipTerms_CurrentTermId",
                table: "Members");

            migrationBuilder.DropTable(
                name: "NumberSequences");

            migrationBuilder.DropTable(
                name: "States");

            migrationBuilder.DropTable(
                name: "Regions");

            migrationBuilder.DropTable(
                name: "Agencies");

            migrationBuilder.DropTable(
                name: "MembershipTerms");

            migrationBuilder.DropTable(
                name: "Members");

            migrationBuilder.DropTable(
                name: "MembershipPlans");
        }
    }
}
