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
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Courses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsAssociationCourse = table.Column<bool>(type: "INTEGER", nullable: false),
                    CertificateValidityMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Courses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JobLeases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobLeases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "MailOutbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TextBody = table.Column<string>(type: "TEXT", nullable: false),
                    HtmlBody = table.Column<string>(type: "TEXT", nullable: true),
                    DedupeKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    HoldsCredential = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    GaveUpAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailOutbox", x => x.Id);
                });

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
                name: "OpenIddictApplications",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    ApplicationType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClientSecret = table.Column<string>(type: "TEXT", nullable: true),
                    ClientType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ConcurrencyToken = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ConsentType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    DisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    DisplayNames = table.Column<string>(type: "TEXT", nullable: true),
                    JsonWebKeySet = table.Column<string>(type: "TEXT", nullable: true),
                    Permissions = table.Column<string>(type: "TEXT", nullable: true),
                    PostLogoutRedirectUris = table.Column<string>(type: "TEXT", nullable: true),
                    Properties = table.Column<string>(type: "TEXT", nullable: true),
                    RedirectUris = table.Column<string>(type: "TEXT", nullable: true),
                    Requirements = table.Column<string>(type: "TEXT", nullable: true),
                    Settings = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenIddictApplications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OpenIddictScopes",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    ConcurrencyToken = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    Descriptions = table.Column<string>(type: "TEXT", nullable: true),
                    DisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    DisplayNames = table.Column<string>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Properties = table.Column<string>(type: "TEXT", nullable: true),
                    Resources = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenIddictScopes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PractitionerRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    MinimumYearsAsSro = table.Column<int>(type: "INTEGER", nullable: false),
                    AssociationBasicOnlyFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FurtherTrainingMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    TrainingWindowYears = table.Column<int>(type: "INTEGER", nullable: false),
                    MinimumConferences = table.Column<int>(type: "INTEGER", nullable: false),
                    DesignationValidityMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PractitionerRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RateLimitCounters",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    WindowStart = table.Column<long>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RateLimitCounters", x => new { x.Key, x.WindowStart });
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
                name: "SandboxObjects",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Id = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Created = table.Column<long>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxObjects", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "StripeEvents",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ObjectId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StripeEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VerificationLog",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Query = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CertificateId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Found = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerificationLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OpenIddictAuthorizations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyToken = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    CreationDate = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Properties = table.Column<string>(type: "TEXT", nullable: true),
                    Scopes = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenIddictAuthorizations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpenIddictAuthorizations_OpenIddictApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "OpenIddictApplications",
                        principalColumn: "Id");
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
                name: "OpenIddictTokens",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<string>(type: "TEXT", nullable: true),
                    AuthorizationId = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyToken = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    CreationDate = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExpirationDate = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Payload = table.Column<string>(type: "TEXT", nullable: true),
                    Properties = table.Column<string>(type: "TEXT", nullable: true),
                    RedemptionDate = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReferenceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenIddictTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpenIddictTokens_OpenIddictApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "OpenIddictApplications",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_OpenIddictTokens_OpenIddictAuthorizations_AuthorizationId",
                        column: x => x.AuthorizationId,
                        principalTable: "OpenIddictAuthorizations",
                        principalColumn: "Id");
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
                    National = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: true),
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
                name: "CourseOfferings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StateCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 2, nullable: false),
                    HostAgencyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CourseOfferings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CourseOfferings_Agencies_HostAgencyId",
                        column: x => x.HostAgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CourseOfferings_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CourseOfferings_States_StateCode",
                        column: x => x.StateCode,
                        principalTable: "States",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TicketBuyers",
                columns: table => new
                {
                    ConferenceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BuyerKey = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    LastPurchaseAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    CountsAsAttendance = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: true),
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
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<long>(type: "INTEGER", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Certificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    VerificationCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HolderName = table.Column<string>(type: "TEXT", maxLength: 201, nullable: false),
                    HolderLastNameKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SuspendedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SuspensionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevocationReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReplacedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Certificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Certificates_Certificates_ReplacedById",
                        column: x => x.ReplacedById,
                        principalTable: "Certificates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Certificates_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConferenceAttendances",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    AttendedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConferenceAttendances", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CourseCompletions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfferingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CertificateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CourseCompletions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CourseCompletions_Certificates_CertificateId",
                        column: x => x.CertificateId,
                        principalTable: "Certificates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CourseCompletions_CourseOfferings_OfferingId",
                        column: x => x.OfferingId,
                        principalTable: "CourseOfferings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CourseCompletions_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CourseInstructor",
                columns: table => new
                {
                    OfferingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CourseInstructor", x => new { x.OfferingId, x.MemberId });
                    table.ForeignKey(
                        name: "FK_CourseInstructor_CourseOfferings_OfferingId",
                        column: x => x.OfferingId,
                        principalTable: "CourseOfferings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DuesPaymentLines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PaymentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    TermId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuesPaymentLines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DuesPayments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceiptNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PayerMemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    RefundedAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AutoRenew = table.Column<bool>(type: "INTEGER", nullable: false),
                    IdempotencyKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    StripeCustomerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    StripeCheckoutSessionId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    StripePaymentIntentId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    StripeSubscriptionId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    StripeInvoiceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CheckoutUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FailureReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
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
                        name: "FK_DuesPayments_MembershipPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "MembershipPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DuesRefunds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PaymentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    IdempotencyKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    StripeRefundId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
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

            migrationBuilder.CreateTable(
                name: "DuesSubscriptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StripeSubscriptionId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    CancelAtPeriodEnd = table.Column<bool>(type: "INTEGER", nullable: false),
                    CurrentPeriodEnd = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuesSubscriptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DuesSubscriptions_MembershipPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "MembershipPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InServiceTrainings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InServiceTrainings", x => x.Id);
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
                    AgencyConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true),
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
                    PaymentLineId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RefundedAt = table.Column<long>(type: "INTEGER", nullable: true),
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

            migrationBuilder.CreateTable(
                name: "PaymentCustomers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StripeCustomerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                name: "PractitionerApplications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CertificateId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PractitionerApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PractitionerApplications_Certificates_CertificateId",
                        column: x => x.CertificateId,
                        principalTable: "Certificates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PractitionerApplications_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
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
                    BuyerKey = table.Column<string>(type: "TEXT", maxLength: 140, nullable: true),
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
                name: "VerificationConsents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GrantedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerificationConsents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VerificationConsents_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VerificationConsents_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
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
                    OfferCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    OpenKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
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
                table: "AspNetRoles",
                columns: new[] { "Id", "ConcurrencyStamp", "Name", "NormalizedName" },
                values: new object[,]
                {
                    { new Guid("0197a000-0000-7000-8000-000000000001"), "0197a000-0000-7000-8000-000000000001", "Member", "MEMBER" },
                    { new Guid("0197a000-0000-7000-8000-000000000002"), "0197a000-0000-7000-8000-000000000002", "Staff", "STAFF" },
                    { new Guid("0197a000-0000-7000-8000-000000000003"), "0197a000-0000-7000-8000-000000000003", "Admin", "ADMIN" }
                });

            migrationBuilder.InsertData(
                table: "Courses",
                columns: new[] { "Id", "Category", "CertificateValidityMonths", "Code", "CreatedAt", "DurationMinutes", "IsActive", "IsAssociationCourse", "Name", "Provider", "UpdatedAt" },
                values: new object[,]
                {
                    { new Guid("0197a100-0000-7000-8000-000000000001"), "BasicSro", null, "BASIC-SRO", 1309317267456000000L, 2400, true, true, "Basic School Resource Officer", "The association", 1309317267456000000L },
                    { new Guid("0197a100-0000-7000-8000-000000000002"), "AdvancedSro", null, "ADVANCED-SRO", 1309317267456000000L, 1440, true, true, "Advanced School Resource Officer", "The association", 1309317267456000000L },
                    { new Guid("0197a100-0000-7000-8000-000000000003"), "SupervisorsManagement", null, "SRO-SUPERVISORS", 1309317267456000000L, 1440, true, true, "SRO Supervisors and Management", "The association", 1309317267456000000L },
                    { new Guid("0197a100-0000-7000-8000-000000000004"), "SchoolSafetyOfficer", null, "SSO", 1309317267456000000L, 1440, true, true, "School Safety Officer", "The association", 1309317267456000000L },
                    { new Guid("0197a100-0000-7000-8000-000000000005"), "Cpted", null, "CPTED", 1309317267456000000L, 1440, true, true, "Crime Prevention Through Environmental Design", "The association", 1309317267456000000L },
                    { new Guid("0197a100-0000-7000-8000-000000000006"), "AdolescentMentalHealth", 36, "AMHT", 1309317267456000000L, 480, true, true, "Adolescent Mental Health Training", "The association", 1309317267456000000L },
                    { new Guid("0197a100-0000-7000-8000-000000000007"), "ProjectUnite", null, "PROJECT-UNITE", 1309317267456000000L, 480, true, true, "Project Unite", "The association", 1309317267456000000L }
                });

            migrationBuilder.InsertData(
                table: "NumberSequences",
                columns: new[] { "Name", "LastValue" },
                values: new object[,]
                {
                    { "certificate", 0L },
                    { "member", 0L },
                    { "receipt", 0L },
                    { "ticket-order", 0L }
                });

            migrationBuilder.InsertData(
                table: "PractitionerRules",
                columns: new[] { "Id", "AssociationBasicOnlyFrom", "DesignationValidityMonths", "FurtherTrainingMinutes", "MinimumConferences", "MinimumYearsAsSro", "TrainingWindowYears", "UpdatedAt" },
                values: new object[] { 1, new DateOnly(2023, 1, 1), null, 9600, 1, 3, 10, 1309317267456000000L });

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
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_MemberId",
                table: "AspNetUsers",
                column: "MemberId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_CourseId",
                table: "Certificates",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_MemberId_IssuedOn",
                table: "Certificates",
                columns: new[] { "MemberId", "IssuedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_Number",
                table: "Certificates",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_ReplacedById",
                table: "Certificates",
                column: "ReplacedById");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_VerificationCode",
                table: "Certificates",
                column: "VerificationCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConferenceAttendances_MemberId_Year",
                table: "ConferenceAttendances",
                columns: new[] { "MemberId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Conferences_StartsAt",
                table: "Conferences",
                column: "StartsAt");

            migrationBuilder.CreateIndex(
                name: "IX_Conferences_StateCode",
                table: "Conferences",
                column: "StateCode");

            migrationBuilder.CreateIndex(
                name: "IX_CourseCompletions_CertificateId",
                table: "CourseCompletions",
                column: "CertificateId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CourseCompletions_CourseId",
                table: "CourseCompletions",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_CourseCompletions_MemberId_CourseId_CompletedOn",
                table: "CourseCompletions",
                columns: new[] { "MemberId", "CourseId", "CompletedOn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CourseCompletions_OfferingId",
                table: "CourseCompletions",
                column: "OfferingId");

            migrationBuilder.CreateIndex(
                name: "IX_CourseInstructor_MemberId",
                table: "CourseInstructor",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_CourseOfferings_CourseId_StartsOn",
                table: "CourseOfferings",
                columns: new[] { "CourseId", "StartsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CourseOfferings_HostAgencyId",
                table: "CourseOfferings",
                column: "HostAgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_CourseOfferings_StartsOn",
                table: "CourseOfferings",
                column: "StartsOn");

            migrationBuilder.CreateIndex(
                name: "IX_CourseOfferings_StateCode",
                table: "CourseOfferings",
                column: "StateCode");

            migrationBuilder.CreateIndex(
                name: "IX_Courses_Category_IsActive",
                table: "Courses",
                columns: new[] { "Category", "IsActive" });

            migrationBuilder.CreateIndex(
                name: "IX_Courses_Code",
                table: "Courses",
                column: "Code",
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
                name: "IX_InServiceTrainings_MemberId_CompletedOn",
                table: "InServiceTrainings",
                columns: new[] { "MemberId", "CompletedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_InServiceTrainings_Status_SubmittedAt",
                table: "InServiceTrainings",
                columns: new[] { "Status", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MailOutbox_DedupeKey",
                table: "MailOutbox",
                column: "DedupeKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MailOutbox_NextAttemptAt",
                table: "MailOutbox",
                column: "NextAttemptAt");

            migrationBuilder.CreateIndex(
                name: "IX_MailOutbox_Recipient_CreatedAt",
                table: "MailOutbox",
                columns: new[] { "Recipient", "CreatedAt" });

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
                name: "IX_Members_DirectoryOptIn_LastNameKey_FirstNameKey_Number",
                table: "Members",
                columns: new[] { "DirectoryOptIn", "LastNameKey", "FirstNameKey", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Members_EmailNormalized",
                table: "Members",
                column: "EmailNormalized",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Members_FirstNameKey_LastNameKey_Number",
                table: "Members",
                columns: new[] { "FirstNameKey", "LastNameKey", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Members_IsSwornOfficer_LastNameKey_FirstNameKey_Number",
                table: "Members",
                columns: new[] { "IsSwornOfficer", "LastNameKey", "FirstNameKey", "Number" });

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
                name: "IX_MembershipTerms_PaymentLineId",
                table: "MembershipTerms",
                column: "PaymentLineId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MembershipTerms_PlanId",
                table: "MembershipTerms",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictApplications_ClientId",
                table: "OpenIddictApplications",
                column: "ClientId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictAuthorizations_ApplicationId_Status_Subject_Type",
                table: "OpenIddictAuthorizations",
                columns: new[] { "ApplicationId", "Status", "Subject", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictScopes_Name",
                table: "OpenIddictScopes",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictTokens_ApplicationId_Status_Subject_Type",
                table: "OpenIddictTokens",
                columns: new[] { "ApplicationId", "Status", "Subject", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictTokens_AuthorizationId",
                table: "OpenIddictTokens",
                column: "AuthorizationId");

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictTokens_ReferenceId",
                table: "OpenIddictTokens",
                column: "ReferenceId",
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
                name: "IX_PractitionerApplications_CertificateId",
                table: "PractitionerApplications",
                column: "CertificateId");

            migrationBuilder.CreateIndex(
                name: "IX_PractitionerApplications_MemberId_SubmittedAt",
                table: "PractitionerApplications",
                columns: new[] { "MemberId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PractitionerApplications_Status_SubmittedAt",
                table: "PractitionerApplications",
                columns: new[] { "Status", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RateLimitCounters_WindowStart",
                table: "RateLimitCounters",
                column: "WindowStart");

            migrationBuilder.CreateIndex(
                name: "IX_SandboxObjects_Id",
                table: "SandboxObjects",
                column: "Id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SandboxObjects_Type_Created",
                table: "SandboxObjects",
                columns: new[] { "Type", "Created" });

            migrationBuilder.CreateIndex(
                name: "IX_States_RegionNumber",
                table: "States",
                column: "RegionNumber");

            migrationBuilder.CreateIndex(
                name: "IX_StripeEvents_ReceivedAt",
                table: "StripeEvents",
                column: "ReceivedAt");

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
                name: "IX_TicketOrders_ConferenceId_BuyerKey_Status",
                table: "TicketOrders",
                columns: new[] { "ConferenceId", "BuyerKey", "Status" });

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
                name: "IX_VerificationConsents_AgencyId_WithdrawnAt_GrantedAt_Id",
                table: "VerificationConsents",
                columns: new[] { "AgencyId", "WithdrawnAt", "GrantedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationConsents_AgencyId_WithdrawnAt_MemberId",
                table: "VerificationConsents",
                columns: new[] { "AgencyId", "WithdrawnAt", "MemberId" });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationConsents_MemberId_AgencyId",
                table: "VerificationConsents",
                columns: new[] { "MemberId", "AgencyId" });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationLog_AgencyId_At",
                table: "VerificationLog",
                columns: new[] { "AgencyId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationLog_At",
                table: "VerificationLog",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_VerificationLog_CertificateId_At",
                table: "VerificationLog",
                columns: new[] { "CertificateId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationLog_MemberId_At",
                table: "VerificationLog",
                columns: new[] { "MemberId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationLog_Query_At",
                table: "VerificationLog",
                columns: new[] { "Query", "At" });

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
                name: "IX_WaitingList_OpenKey",
                table: "WaitingList",
                column: "OpenKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WaitingList_TicketTypeId_Status_JoinedAt",
                table: "WaitingList",
                columns: new[] { "TicketTypeId", "Status", "JoinedAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                table: "AspNetUserClaims",
                column: "UserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                table: "AspNetUserLogins",
                column: "UserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                table: "AspNetUserRoles",
                column: "UserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUsers_Members_MemberId",
                table: "AspNetUsers",
                column: "MemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Certificates_Members_MemberId",
                table: "Certificates",
                column: "MemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_ConferenceAttendances_Members_MemberId",
                table: "ConferenceAttendances",
                column: "MemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_CourseCompletions_Members_MemberId",
                table: "CourseCompletions",
                column: "MemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_CourseInstructor_Members_MemberId",
                table: "CourseInstructor",
                column: "MemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_DuesPaymentLines_DuesPayments_PaymentId",
                table: "DuesPaymentLines",
                column: "PaymentId",
                principalTable: "DuesPayments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_DuesPaymentLines_Members_MemberId",
                table: "DuesPaymentLines",
                column: "MemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_DuesPaymentLines_MembershipTerms_TermId",
                table: "DuesPaymentLines",
                column: "TermId",
                principalTable: "MembershipTerms",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_DuesPayments_Members_PayerMemberId",
                table: "DuesPayments",
                column: "PayerMemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_DuesSubscriptions_Members_MemberId",
                table: "DuesSubscriptions",
                column: "MemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_InServiceTrainings_Members_MemberId",
                table: "InServiceTrainings",
                column: "MemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

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
                name: "FK_MembershipTerms_Members_MemberId",
                table: "MembershipTerms");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "ConferenceAttendances");

            migrationBuilder.DropTable(
                name: "CourseCompletions");

            migrationBuilder.DropTable(
                name: "CourseInstructor");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "DuesPaymentLines");

            migrationBuilder.DropTable(
                name: "DuesRefunds");

            migrationBuilder.DropTable(
                name: "DuesSubscriptions");

            migrationBuilder.DropTable(
                name: "InServiceTrainings");

            migrationBuilder.DropTable(
                name: "JobLeases");

            migrationBuilder.DropTable(
                name: "MailOutbox");

            migrationBuilder.DropTable(
                name: "NumberSequences");

            migrationBuilder.DropTable(
                name: "OpenIddictScopes");

            migrationBuilder.DropTable(
                name: "OpenIddictTokens");

            migrationBuilder.DropTable(
                name: "PaymentCustomers");

            migrationBuilder.DropTable(
                name: "PractitionerApplications");

            migrationBuilder.DropTable(
                name: "PractitionerRules");

            migrationBuilder.DropTable(
                name: "RateLimitCounters");

            migrationBuilder.DropTable(
                name: "SandboxObjects");

            migrationBuilder.DropTable(
                name: "StripeEvents");

            migrationBuilder.DropTable(
                name: "TicketBuyers");

            migrationBuilder.DropTable(
                name: "TicketTransfers");

            migrationBuilder.DropTable(
                name: "VerificationConsents");

            migrationBuilder.DropTable(
                name: "VerificationLog");

            migrationBuilder.DropTable(
                name: "VoucherTicketType");

            migrationBuilder.DropTable(
                name: "WaitingList");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "CourseOfferings");

            migrationBuilder.DropTable(
                name: "DuesPayments");

            migrationBuilder.DropTable(
                name: "OpenIddictAuthorizations");

            migrationBuilder.DropTable(
                name: "Certificates");

            migrationBuilder.DropTable(
                name: "Tickets");

            migrationBuilder.DropTable(
                name: "OpenIddictApplications");

            migrationBuilder.DropTable(
                name: "TicketOrders");

            migrationBuilder.DropTable(
                name: "TicketTypes");

            migrationBuilder.DropTable(
                name: "Vouchers");

            migrationBuilder.DropTable(
                name: "Courses");

            migrationBuilder.DropTable(
                name: "Conferences");

            migrationBuilder.DropTable(
                name: "States");

            migrationBuilder.DropTable(
                name: "Regions");

            migrationBuilder.DropTable(
                name: "Members");

            migrationBuilder.DropTable(
                name: "Agencies");

            migrationBuilder.DropTable(
                name: "MembershipTerms");

            migrationBuilder.DropTable(
                name: "MembershipPlans");
        }
    }
}
