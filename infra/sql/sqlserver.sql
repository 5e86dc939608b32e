IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoles] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(256) NULL,
        [NormalizedName] nvarchar(256) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [Courses] (
        [Id] uniqueidentifier NOT NULL,
        [Code] nvarchar(40) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Category] nvarchar(32) NOT NULL,
        [DurationMinutes] int NOT NULL,
        [Provider] nvarchar(200) NOT NULL,
        [IsAssociationCourse] bit NOT NULL,
        [CertificateValidityMonths] int NULL,
        [IsActive] bit NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_Courses] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) NULL,
        [Xml] nvarchar(max) NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [JobLeases] (
        [Name] nvarchar(100) NOT NULL,
        [Holder] nvarchar(200) NOT NULL,
        [ExpiresAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_JobLeases] PRIMARY KEY ([Name])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [MailOutbox] (
        [Id] uniqueidentifier NOT NULL,
        [Kind] nvarchar(64) NOT NULL,
        [Recipient] nvarchar(320) NOT NULL,
        [Subject] nvarchar(300) NOT NULL,
        [TextBody] nvarchar(max) NOT NULL,
        [HtmlBody] nvarchar(max) NULL,
        [DedupeKey] nvarchar(400) NULL,
        [HoldsCredential] bit NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [Attempts] int NOT NULL,
        [NextAttemptAt] datetimeoffset NULL,
        [LeaseUntil] datetimeoffset NULL,
        [ClaimedBy] nvarchar(200) NULL,
        [SentAt] datetimeoffset NULL,
        [GaveUpAt] datetimeoffset NULL,
        [LastError] nvarchar(1000) NULL,
        CONSTRAINT [PK_MailOutbox] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [MembershipPlans] (
        [Id] uniqueidentifier NOT NULL,
        [Code] nvarchar(40) NOT NULL,
        [Name] nvarchar(120) NOT NULL,
        [Category] nvarchar(16) NOT NULL,
        [PriceAmount] bigint NOT NULL,
        [Currency] nchar(3) NOT NULL,
        [TermKind] nvarchar(16) NOT NULL,
        [TermMonths] int NOT NULL,
        [PeriodStartMonth] int NULL,
        [GraceDays] int NOT NULL,
        [IsActive] bit NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_MembershipPlans] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [NumberSequences] (
        [Name] nvarchar(50) NOT NULL,
        [LastValue] bigint NOT NULL,
        CONSTRAINT [PK_NumberSequences] PRIMARY KEY ([Name])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [OpenIddictApplications] (
        [Id] nvarchar(450) NOT NULL,
        [ApplicationType] nvarchar(50) NULL,
        [ClientId] nvarchar(100) NULL,
        [ClientSecret] nvarchar(max) NULL,
        [ClientType] nvarchar(50) NULL,
        [ConcurrencyToken] nvarchar(50) NULL,
        [ConsentType] nvarchar(50) NULL,
        [DisplayName] nvarchar(max) NULL,
        [DisplayNames] nvarchar(max) NULL,
        [JsonWebKeySet] nvarchar(max) NULL,
        [Permissions] nvarchar(max) NULL,
        [PostLogoutRedirectUris] nvarchar(max) NULL,
        [Properties] nvarchar(max) NULL,
        [RedirectUris] nvarchar(max) NULL,
        [Requirements] nvarchar(max) NULL,
        [Settings] nvarchar(max) NULL,
        CONSTRAINT [PK_OpenIddictApplications] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [OpenIddictScopes] (
        [Id] nvarchar(450) NOT NULL,
        [ConcurrencyToken] nvarchar(50) NULL,
        [Description] nvarchar(max) NULL,
        [Descriptions] nvarchar(max) NULL,
        [DisplayName] nvarchar(max) NULL,
        [DisplayNames] nvarchar(max) NULL,
        [Name] nvarchar(200) NULL,
        [Properties] nvarchar(max) NULL,
        [Resources] nvarchar(max) NULL,
        CONSTRAINT [PK_OpenIddictScopes] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [PractitionerRules] (
        [Id] int NOT NULL,
        [MinimumYearsAsSro] int NOT NULL,
        [AssociationBasicOnlyFrom] date NOT NULL,
        [FurtherTrainingMinutes] int NOT NULL,
        [TrainingWindowYears] int NOT NULL,
        [MinimumConferences] int NOT NULL,
        [DesignationValidityMonths] int NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_PractitionerRules] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [RateLimitCounters] (
        [Key] nvarchar(200) NOT NULL,
        [WindowStart] datetimeoffset NOT NULL,
        [Count] int NOT NULL,
        CONSTRAINT [PK_RateLimitCounters] PRIMARY KEY ([Key], [WindowStart])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [Regions] (
        [Number] int NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        CONSTRAINT [PK_Regions] PRIMARY KEY ([Number])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [SandboxObjects] (
        [Sequence] bigint NOT NULL IDENTITY,
        [Id] nvarchar(300) NOT NULL,
        [Type] nvarchar(40) NOT NULL,
        [Created] bigint NOT NULL,
        [Json] nvarchar(max) NOT NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_SandboxObjects] PRIMARY KEY ([Sequence])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [StripeEvents] (
        [Id] nvarchar(100) NOT NULL,
        [Type] nvarchar(100) NOT NULL,
        [ObjectId] nvarchar(100) NULL,
        [ReceivedAt] datetimeoffset NOT NULL,
        [Source] nvarchar(20) NOT NULL,
        CONSTRAINT [PK_StripeEvents] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [VerificationLog] (
        [Id] uniqueidentifier NOT NULL,
        [At] datetimeoffset NOT NULL,
        [Channel] nvarchar(16) NOT NULL,
        [Query] nvarchar(40) NOT NULL,
        [CertificateId] uniqueidentifier NULL,
        [MemberId] uniqueidentifier NULL,
        [Found] bit NOT NULL,
        [Status] nvarchar(16) NULL,
        [ClientId] nvarchar(100) NULL,
        [AgencyId] uniqueidentifier NULL,
        [Address] nvarchar(64) NULL,
        CONSTRAINT [PK_VerificationLog] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoleClaims] (
        [Id] int NOT NULL IDENTITY,
        [RoleId] uniqueidentifier NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [OpenIddictAuthorizations] (
        [Id] nvarchar(450) NOT NULL,
        [ApplicationId] nvarchar(450) NULL,
        [ConcurrencyToken] nvarchar(50) NULL,
        [CreationDate] datetime2 NULL,
        [Properties] nvarchar(max) NULL,
        [Scopes] nvarchar(max) NULL,
        [Status] nvarchar(50) NULL,
        [Subject] nvarchar(400) NULL,
        [Type] nvarchar(50) NULL,
        CONSTRAINT [PK_OpenIddictAuthorizations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_OpenIddictAuthorizations_OpenIddictApplications_ApplicationId] FOREIGN KEY ([ApplicationId]) REFERENCES [OpenIddictApplications] ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [States] (
        [Code] nchar(2) NOT NULL,
        [Name] nvarchar(60) NOT NULL,
        [RegionNumber] int NOT NULL,
        CONSTRAINT [PK_States] PRIMARY KEY ([Code]),
        CONSTRAINT [FK_States_Regions_RegionNumber] FOREIGN KEY ([RegionNumber]) REFERENCES [Regions] ([Number]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [OpenIddictTokens] (
        [Id] nvarchar(450) NOT NULL,
        [ApplicationId] nvarchar(450) NULL,
        [AuthorizationId] nvarchar(450) NULL,
        [ConcurrencyToken] nvarchar(50) NULL,
        [CreationDate] datetime2 NULL,
        [ExpirationDate] datetime2 NULL,
        [Payload] nvarchar(max) NULL,
        [Properties] nvarchar(max) NULL,
        [RedemptionDate] datetime2 NULL,
        [ReferenceId] nvarchar(100) NULL,
        [Status] nvarchar(50) NULL,
        [Subject] nvarchar(400) NULL,
        [Type] nvarchar(150) NULL,
        CONSTRAINT [PK_OpenIddictTokens] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_OpenIddictTokens_OpenIddictApplications_ApplicationId] FOREIGN KEY ([ApplicationId]) REFERENCES [OpenIddictApplications] ([Id]),
        CONSTRAINT [FK_OpenIddictTokens_OpenIddictAuthorizations_AuthorizationId] FOREIGN KEY ([AuthorizationId]) REFERENCES [OpenIddictAuthorizations] ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [Agencies] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [NameKey] nvarchar(200) NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [City] nvarchar(100) NOT NULL,
        [StateCode] nchar(2) NOT NULL,
        [OriCode] nchar(9) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_Agencies] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Agencies_States_StateCode] FOREIGN KEY ([StateCode]) REFERENCES [States] ([Code]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [Conferences] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Venue] nvarchar(200) NOT NULL,
        [City] nvarchar(100) NOT NULL,
        [StateCode] nchar(2) NOT NULL,
        [TimeZone] nvarchar(64) NOT NULL,
        [StartsAt] datetimeoffset NOT NULL,
        [EndsAt] datetimeoffset NOT NULL,
        [Capacity] int NOT NULL,
        [SeatsTaken] int NOT NULL,
        [RegistrationOpensAt] datetimeoffset NOT NULL,
        [RegistrationClosesAt] datetimeoffset NOT NULL,
        [TransferCutoffAt] datetimeoffset NOT NULL,
        [RefundCutoffAt] datetimeoffset NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [National] bit NOT NULL DEFAULT CAST(1 AS bit),
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_Conferences] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_Conferences_Seats] CHECK ("SeatsTaken" >= 0 AND "SeatsTaken" <= "Capacity"),
        CONSTRAINT [FK_Conferences_States_StateCode] FOREIGN KEY ([StateCode]) REFERENCES [States] ([Code]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [CourseOfferings] (
        [Id] uniqueidentifier NOT NULL,
        [CourseId] uniqueidentifier NOT NULL,
        [StartsOn] date NOT NULL,
        [EndsOn] date NOT NULL,
        [City] nvarchar(100) NOT NULL,
        [StateCode] nchar(2) NOT NULL,
        [HostAgencyId] uniqueidentifier NULL,
        [Capacity] int NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_CourseOfferings] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CourseOfferings_Agencies_HostAgencyId] FOREIGN KEY ([HostAgencyId]) REFERENCES [Agencies] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CourseOfferings_Courses_CourseId] FOREIGN KEY ([CourseId]) REFERENCES [Courses] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CourseOfferings_States_StateCode] FOREIGN KEY ([StateCode]) REFERENCES [States] ([Code]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [TicketBuyers] (
        [ConferenceId] uniqueidentifier NOT NULL,
        [BuyerKey] nvarchar(140) NOT NULL,
        [LastPurchaseAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_TicketBuyers] PRIMARY KEY ([ConferenceId], [BuyerKey]),
        CONSTRAINT [FK_TicketBuyers_Conferences_ConferenceId] FOREIGN KEY ([ConferenceId]) REFERENCES [Conferences] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [TicketTypes] (
        [Id] uniqueidentifier NOT NULL,
        [ConferenceId] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Description] nvarchar(2000) NULL,
        [MemberPrice] bigint NOT NULL,
        [NonMemberPrice] bigint NOT NULL,
        [EarlyBirdMemberPrice] bigint NULL,
        [EarlyBirdNonMemberPrice] bigint NULL,
        [EarlyBirdUntil] datetimeoffset NULL,
        [Currency] nchar(3) NOT NULL,
        [Quota] int NOT NULL,
        [Taken] int NOT NULL,
        [SalesStartAt] datetimeoffset NOT NULL,
        [SalesEndAt] datetimeoffset NOT NULL,
        [MaxPerOrder] int NOT NULL,
        [MembersOnly] bit NOT NULL,
        [RequiresGoodStanding] bit NOT NULL,
        [CourseId] uniqueidentifier NULL,
        [CountsAsAttendance] bit NOT NULL DEFAULT CAST(1 AS bit),
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_TicketTypes] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_TicketTypes_Seats] CHECK ("Taken" >= 0 AND "Taken" <= "Quota"),
        CONSTRAINT [FK_TicketTypes_Conferences_ConferenceId] FOREIGN KEY ([ConferenceId]) REFERENCES [Conferences] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_TicketTypes_Courses_CourseId] FOREIGN KEY ([CourseId]) REFERENCES [Courses] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [Vouchers] (
        [Id] uniqueidentifier NOT NULL,
        [ConferenceId] uniqueidentifier NOT NULL,
        [Code] nvarchar(40) NOT NULL,
        [PercentOff] int NULL,
        [AmountOff] bigint NULL,
        [MaxUses] int NOT NULL,
        [Used] int NOT NULL,
        [ValidFrom] datetimeoffset NOT NULL,
        [ValidUntil] datetimeoffset NOT NULL,
        CONSTRAINT [PK_Vouchers] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_Vouchers_Uses] CHECK ("Used" >= 0 AND "Used" <= "MaxUses"),
        CONSTRAINT [FK_Vouchers_Conferences_ConferenceId] FOREIGN KEY ([ConferenceId]) REFERENCES [Conferences] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [VoucherTicketType] (
        [VoucherId] uniqueidentifier NOT NULL,
        [TicketTypeId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_VoucherTicketType] PRIMARY KEY ([VoucherId], [TicketTypeId]),
        CONSTRAINT [FK_VoucherTicketType_TicketTypes_TicketTypeId] FOREIGN KEY ([TicketTypeId]) REFERENCES [TicketTypes] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_VoucherTicketType_Vouchers_VoucherId] FOREIGN KEY ([VoucherId]) REFERENCES [Vouchers] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] uniqueidentifier NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] uniqueidentifier NOT NULL,
        [RoleId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NULL,
        [DisplayName] nvarchar(200) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(max) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] uniqueidentifier NOT NULL,
        [LoginProvider] nvarchar(450) NOT NULL,
        [Name] nvarchar(450) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [Certificates] (
        [Id] uniqueidentifier NOT NULL,
        [Number] nvarchar(20) NOT NULL,
        [VerificationCode] nvarchar(32) NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [Kind] nvarchar(16) NOT NULL,
        [CourseId] uniqueidentifier NULL,
        [HolderName] nvarchar(201) NOT NULL,
        [HolderLastNameKey] nvarchar(100) NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [DurationMinutes] int NULL,
        [IssuedOn] date NOT NULL,
        [ExpiresOn] date NULL,
        [SuspendedAt] datetimeoffset NULL,
        [SuspensionReason] nvarchar(500) NULL,
        [RevokedAt] datetimeoffset NULL,
        [RevocationReason] nvarchar(500) NULL,
        [ReplacedById] uniqueidentifier NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_Certificates] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Certificates_Certificates_ReplacedById] FOREIGN KEY ([ReplacedById]) REFERENCES [Certificates] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Certificates_Courses_CourseId] FOREIGN KEY ([CourseId]) REFERENCES [Courses] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [ConferenceAttendances] (
        [Id] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [Year] int NOT NULL,
        [AttendedOn] date NOT NULL,
        [Source] nvarchar(32) NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ConferenceAttendances] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [CourseCompletions] (
        [Id] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [CourseId] uniqueidentifier NOT NULL,
        [OfferingId] uniqueidentifier NULL,
        [CompletedOn] date NOT NULL,
        [CertificateId] uniqueidentifier NOT NULL,
        [RecordedBy] nvarchar(200) NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_CourseCompletions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CourseCompletions_Certificates_CertificateId] FOREIGN KEY ([CertificateId]) REFERENCES [Certificates] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CourseCompletions_CourseOfferings_OfferingId] FOREIGN KEY ([OfferingId]) REFERENCES [CourseOfferings] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CourseCompletions_Courses_CourseId] FOREIGN KEY ([CourseId]) REFERENCES [Courses] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [CourseInstructor] (
        [OfferingId] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_CourseInstructor] PRIMARY KEY ([OfferingId], [MemberId]),
        CONSTRAINT [FK_CourseInstructor_CourseOfferings_OfferingId] FOREIGN KEY ([OfferingId]) REFERENCES [CourseOfferings] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [DuesPaymentLines] (
        [Id] uniqueidentifier NOT NULL,
        [PaymentId] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [Amount] bigint NOT NULL,
        [TermId] uniqueidentifier NULL,
        [PeriodStart] date NULL,
        [PeriodEnd] date NULL,
        CONSTRAINT [PK_DuesPaymentLines] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [DuesPayments] (
        [Id] uniqueidentifier NOT NULL,
        [ReceiptNumber] nvarchar(20) NOT NULL,
        [Kind] nvarchar(16) NOT NULL,
        [PayerMemberId] uniqueidentifier NULL,
        [AgencyId] uniqueidentifier NULL,
        [PlanId] uniqueidentifier NOT NULL,
        [Amount] bigint NOT NULL,
        [Currency] nchar(3) NOT NULL,
        [RefundedAmount] bigint NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [AutoRenew] bit NOT NULL,
        [IdempotencyKey] uniqueidentifier NOT NULL,
        [StripeCustomerId] nvarchar(100) NULL,
        [StripeCheckoutSessionId] nvarchar(100) NULL,
        [StripePaymentIntentId] nvarchar(100) NULL,
        [StripeSubscriptionId] nvarchar(100) NULL,
        [StripeInvoiceId] nvarchar(100) NULL,
        [CheckoutUrl] nvarchar(1000) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CompletedAt] datetimeoffset NULL,
        [FailureReason] nvarchar(500) NULL,
        [CreatedBy] nvarchar(200) NOT NULL,
        CONSTRAINT [PK_DuesPayments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_DuesPayments_Agencies_AgencyId] FOREIGN KEY ([AgencyId]) REFERENCES [Agencies] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_DuesPayments_MembershipPlans_PlanId] FOREIGN KEY ([PlanId]) REFERENCES [MembershipPlans] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [DuesRefunds] (
        [Id] uniqueidentifier NOT NULL,
        [PaymentId] uniqueidentifier NOT NULL,
        [Amount] bigint NOT NULL,
        [Reason] nvarchar(500) NOT NULL,
        [IdempotencyKey] uniqueidentifier NOT NULL,
        [StripeRefundId] nvarchar(100) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedBy] nvarchar(200) NOT NULL,
        CONSTRAINT [PK_DuesRefunds] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_DuesRefunds_DuesPayments_PaymentId] FOREIGN KEY ([PaymentId]) REFERENCES [DuesPayments] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [DuesSubscriptions] (
        [Id] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [PlanId] uniqueidentifier NOT NULL,
        [StripeSubscriptionId] nvarchar(100) NOT NULL,
        [Status] nvarchar(30) NOT NULL,
        [CancelAtPeriodEnd] bit NOT NULL,
        [CurrentPeriodEnd] datetimeoffset NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_DuesSubscriptions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_DuesSubscriptions_MembershipPlans_PlanId] FOREIGN KEY ([PlanId]) REFERENCES [MembershipPlans] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [InServiceTrainings] (
        [Id] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [Provider] nvarchar(200) NOT NULL,
        [CompletedOn] date NOT NULL,
        [DurationMinutes] int NOT NULL,
        [Category] nvarchar(16) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [SubmittedAt] datetimeoffset NOT NULL,
        [ReviewedAt] datetimeoffset NULL,
        [ReviewedBy] nvarchar(200) NULL,
        [RejectionReason] nvarchar(500) NULL,
        CONSTRAINT [PK_InServiceTrainings] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [Members] (
        [Id] uniqueidentifier NOT NULL,
        [Number] bigint NOT NULL,
        [FirstName] nvarchar(100) NOT NULL,
        [LastName] nvarchar(100) NOT NULL,
        [FirstNameKey] nvarchar(100) NOT NULL,
        [LastNameKey] nvarchar(100) NOT NULL,
        [Email] nvarchar(254) NOT NULL,
        [EmailNormalized] nvarchar(254) NOT NULL,
        [Phone] nvarchar(32) NULL,
        [MailingAddress_Line1] nvarchar(200) NULL,
        [MailingAddress_Line2] nvarchar(200) NULL,
        [MailingAddress_City] nvarchar(100) NULL,
        [MailingAddress_StateCode] nchar(2) NULL,
        [MailingAddress_PostalCode] nvarchar(10) NULL,
        [DateOfBirth] date NULL,
        [AgencyId] uniqueidentifier NULL,
        [AgencyConfirmedAt] datetimeoffset NULL,
        [JobTitle] nvarchar(120) NULL,
        [Category] nvarchar(16) NOT NULL,
        [IsSwornOfficer] bit NOT NULL,
        [SroSince] date NULL,
        [StateCode] nchar(2) NOT NULL,
        [DirectoryOptIn] bit NOT NULL,
        [SuspendedAt] datetimeoffset NULL,
        [SuspensionReason] nvarchar(500) NULL,
        [CurrentTermId] uniqueidentifier NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_Members] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Members_Agencies_AgencyId] FOREIGN KEY ([AgencyId]) REFERENCES [Agencies] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Members_States_StateCode] FOREIGN KEY ([StateCode]) REFERENCES [States] ([Code]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [MembershipTerms] (
        [Id] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [PlanId] uniqueidentifier NOT NULL,
        [StartsOn] date NOT NULL,
        [EndsOn] date NULL,
        [GraceEndsOn] date NULL,
        [ActivatedAt] datetimeoffset NULL,
        [CancelledAt] datetimeoffset NULL,
        [PaymentLineId] uniqueidentifier NULL,
        [RefundedAt] datetimeoffset NULL,
        [CancellationReason] nvarchar(500) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_MembershipTerms] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_MembershipTerms_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_MembershipTerms_MembershipPlans_PlanId] FOREIGN KEY ([PlanId]) REFERENCES [MembershipPlans] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [PaymentCustomers] (
        [Id] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NULL,
        [AgencyId] uniqueidentifier NULL,
        [StripeCustomerId] nvarchar(100) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_PaymentCustomers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PaymentCustomers_Agencies_AgencyId] FOREIGN KEY ([AgencyId]) REFERENCES [Agencies] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_PaymentCustomers_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [PractitionerApplications] (
        [Id] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [SubmittedAt] datetimeoffset NOT NULL,
        [ReviewedAt] datetimeoffset NULL,
        [ReviewedBy] nvarchar(200) NULL,
        [RejectionReason] nvarchar(500) NULL,
        [CertificateId] uniqueidentifier NULL,
        CONSTRAINT [PK_PractitionerApplications] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PractitionerApplications_Certificates_CertificateId] FOREIGN KEY ([CertificateId]) REFERENCES [Certificates] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_PractitionerApplications_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [TicketOrders] (
        [Id] uniqueidentifier NOT NULL,
        [Number] nvarchar(20) NOT NULL,
        [ConferenceId] uniqueidentifier NOT NULL,
        [BuyerMemberId] uniqueidentifier NULL,
        [BuyerAgencyId] uniqueidentifier NULL,
        [BuyerName] nvarchar(201) NOT NULL,
        [BuyerEmail] nvarchar(254) NOT NULL,
        [BuyerKey] nvarchar(140) NULL,
        [Status] nvarchar(20) NOT NULL,
        [HoldExpiresAt] datetimeoffset NOT NULL,
        [VoucherId] uniqueidentifier NULL,
        [VoucherUses] int NOT NULL,
        [Total] bigint NOT NULL,
        [Currency] nchar(3) NOT NULL,
        [RefundedAmount] bigint NOT NULL,
        [IdempotencyKey] uniqueidentifier NOT NULL,
        [StripeCheckoutSessionId] nvarchar(100) NULL,
        [StripePaymentIntentId] nvarchar(100) NULL,
        [CheckoutUrl] nvarchar(1000) NULL,
        [WaitingListEntryId] uniqueidentifier NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [PaidAt] datetimeoffset NULL,
        [ClosedAt] datetimeoffset NULL,
        [CloseReason] nvarchar(500) NULL,
        CONSTRAINT [PK_TicketOrders] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_TicketOrders_Agencies_BuyerAgencyId] FOREIGN KEY ([BuyerAgencyId]) REFERENCES [Agencies] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_TicketOrders_Conferences_ConferenceId] FOREIGN KEY ([ConferenceId]) REFERENCES [Conferences] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_TicketOrders_Members_BuyerMemberId] FOREIGN KEY ([BuyerMemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_TicketOrders_Vouchers_VoucherId] FOREIGN KEY ([VoucherId]) REFERENCES [Vouchers] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [VerificationConsents] (
        [Id] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [AgencyId] uniqueidentifier NOT NULL,
        [GrantedAt] datetimeoffset NOT NULL,
        [WithdrawnAt] datetimeoffset NULL,
        CONSTRAINT [PK_VerificationConsents] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_VerificationConsents_Agencies_AgencyId] FOREIGN KEY ([AgencyId]) REFERENCES [Agencies] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_VerificationConsents_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [WaitingList] (
        [Id] uniqueidentifier NOT NULL,
        [TicketTypeId] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NULL,
        [Name] nvarchar(201) NOT NULL,
        [Email] nvarchar(254) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [JoinedAt] datetimeoffset NOT NULL,
        [OfferedAt] datetimeoffset NULL,
        [OfferExpiresAt] datetimeoffset NULL,
        [OfferCode] nvarchar(64) NULL,
        [OpenKey] nvarchar(300) NULL,
        CONSTRAINT [PK_WaitingList] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WaitingList_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_WaitingList_TicketTypes_TicketTypeId] FOREIGN KEY ([TicketTypeId]) REFERENCES [TicketTypes] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [Tickets] (
        [Id] uniqueidentifier NOT NULL,
        [OrderId] uniqueidentifier NOT NULL,
        [ConferenceId] uniqueidentifier NOT NULL,
        [TicketTypeId] uniqueidentifier NOT NULL,
        [Price] bigint NOT NULL,
        [AttendeeMemberId] uniqueidentifier NULL,
        [AttendeeName] nvarchar(201) NULL,
        [AttendeeNameKey] nvarchar(201) NULL,
        [AttendeeEmail] nvarchar(254) NULL,
        [Code] nvarchar(300) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [CheckedInAt] datetimeoffset NULL,
        [CheckedInBy] nvarchar(200) NULL,
        [TransferredToId] uniqueidentifier NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_Tickets] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Tickets_Members_AttendeeMemberId] FOREIGN KEY ([AttendeeMemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Tickets_TicketOrders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [TicketOrders] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Tickets_TicketTypes_TicketTypeId] FOREIGN KEY ([TicketTypeId]) REFERENCES [TicketTypes] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE TABLE [TicketTransfers] (
        [Id] uniqueidentifier NOT NULL,
        [FromTicketId] uniqueidentifier NOT NULL,
        [ToTicketId] uniqueidentifier NOT NULL,
        [FromName] nvarchar(201) NULL,
        [ToName] nvarchar(201) NULL,
        [By] nvarchar(200) NOT NULL,
        [At] datetimeoffset NOT NULL,
        CONSTRAINT [PK_TicketTransfers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_TicketTransfers_Tickets_FromTicketId] FOREIGN KEY ([FromTicketId]) REFERENCES [Tickets] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_TicketTransfers_Tickets_ToTicketId] FOREIGN KEY ([ToTicketId]) REFERENCES [Tickets] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'ConcurrencyStamp', N'Name', N'NormalizedName') AND [object_id] = OBJECT_ID(N'[AspNetRoles]'))
        SET IDENTITY_INSERT [AspNetRoles] ON;
    EXEC(N'INSERT INTO [AspNetRoles] ([Id], [ConcurrencyStamp], [Name], [NormalizedName])
    VALUES (''0197a000-0000-7000-8000-000000000001'', N''0197a000-0000-7000-8000-000000000001'', N''Member'', N''MEMBER''),
    (''0197a000-0000-7000-8000-000000000002'', N''0197a000-0000-7000-8000-000000000002'', N''Staff'', N''STAFF''),
    (''0197a000-0000-7000-8000-000000000003'', N''0197a000-0000-7000-8000-000000000003'', N''Admin'', N''ADMIN'')');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'ConcurrencyStamp', N'Name', N'NormalizedName') AND [object_id] = OBJECT_ID(N'[AspNetRoles]'))
        SET IDENTITY_INSERT [AspNetRoles] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'Category', N'CertificateValidityMonths', N'Code', N'CreatedAt', N'DurationMinutes', N'IsActive', N'IsAssociationCourse', N'Name', N'Provider', N'UpdatedAt') AND [object_id] = OBJECT_ID(N'[Courses]'))
        SET IDENTITY_INSERT [Courses] ON;
    EXEC(N'INSERT INTO [Courses] ([Id], [Category], [CertificateValidityMonths], [Code], [CreatedAt], [DurationMinutes], [IsActive], [IsAssociationCourse], [Name], [Provider], [UpdatedAt])
    VALUES (''0197a100-0000-7000-8000-000000000001'', N''BasicSro'', NULL, N''BASIC-SRO'', ''2026-11-29T00:00:00.0000000+00:00'', 2400, CAST(1 AS bit), CAST(1 AS bit), N''Basic School Resource Officer'', N''The association'', ''2026-11-29T00:00:00.0000000+00:00''),
    (''0197a100-0000-7000-8000-000000000002'', N''AdvancedSro'', NULL, N''ADVANCED-SRO'', ''2026-11-29T00:00:00.0000000+00:00'', 1440, CAST(1 AS bit), CAST(1 AS bit), N''Advanced School Resource Officer'', N''The association'', ''2026-11-29T00:00:00.0000000+00:00''),
    (''0197a100-0000-7000-8000-000000000003'', N''SupervisorsManagement'', NULL, N''SRO-SUPERVISORS'', ''2026-11-29T00:00:00.0000000+00:00'', 1440, CAST(1 AS bit), CAST(1 AS bit), N''SRO Supervisors and Management'', N''The association'', ''2026-11-29T00:00:00.0000000+00:00''),
    (''0197a100-0000-7000-8000-000000000004'', N''SchoolSafetyOfficer'', NULL, N''SSO'', ''2026-11-29T00:00:00.0000000+00:00'', 1440, CAST(1 AS bit), CAST(1 AS bit), N''School Safety Officer'', N''The association'', ''2026-11-29T00:00:00.0000000+00:00''),
    (''0197a100-0000-7000-8000-000000000005'', N''Cpted'', NULL, N''CPTED'', ''2026-11-29T00:00:00.0000000+00:00'', 1440, CAST(1 AS bit), CAST(1 AS bit), N''Crime Prevention Through Environmental Design'', N''The association'', ''2026-11-29T00:00:00.0000000+00:00''),
    (''0197a100-0000-7000-8000-000000000006'', N''AdolescentMentalHealth'', 36, N''AMHT'', ''2026-11-29T00:00:00.0000000+00:00'', 480, CAST(1 AS bit), CAST(1 AS bit), N''Adolescent Mental Health Training'', N''The association'', ''2026-11-29T00:00:00.0000000+00:00''),
    (''0197a100-0000-7000-8000-000000000007'', N''ProjectUnite'', NULL, N''PROJECT-UNITE'', ''2026-11-29T00:00:00.0000000+00:00'', 480, CAST(1 AS bit), CAST(1 AS bit), N''Project Unite'', N''The association'', ''2026-11-29T00:00:00.0000000+00:00'')');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'Category', N'CertificateValidityMonths', N'Code', N'CreatedAt', N'DurationMinutes', N'IsActive', N'IsAssociationCourse', N'Name', N'Provider', N'UpdatedAt') AND [object_id] = OBJECT_ID(N'[Courses]'))
        SET IDENTITY_INSERT [Courses] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Name', N'LastValue') AND [object_id] = OBJECT_ID(N'[NumberSequences]'))
        SET IDENTITY_INSERT [NumberSequences] ON;
    EXEC(N'INSERT INTO [NumberSequences] ([Name], [LastValue])
    VALUES (N''certificate'', CAST(0 AS bigint)),
    (N''member'', CAST(0 AS bigint)),
    (N''receipt'', CAST(0 AS bigint)),
    (N''ticket-order'', CAST(0 AS bigint))');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Name', N'LastValue') AND [object_id] = OBJECT_ID(N'[NumberSequences]'))
        SET IDENTITY_INSERT [NumberSequences] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'AssociationBasicOnlyFrom', N'DesignationValidityMonths', N'FurtherTrainingMinutes', N'MinimumConferences', N'MinimumYearsAsSro', N'TrainingWindowYears', N'UpdatedAt') AND [object_id] = OBJECT_ID(N'[PractitionerRules]'))
        SET IDENTITY_INSERT [PractitionerRules] ON;
    EXEC(N'INSERT INTO [PractitionerRules] ([Id], [AssociationBasicOnlyFrom], [DesignationValidityMonths], [FurtherTrainingMinutes], [MinimumConferences], [MinimumYearsAsSro], [TrainingWindowYears], [UpdatedAt])
    VALUES (1, ''2023-01-01'', NULL, 9600, 1, 3, 10, ''2026-11-29T00:00:00.0000000+00:00'')');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'AssociationBasicOnlyFrom', N'DesignationValidityMonths', N'FurtherTrainingMinutes', N'MinimumConferences', N'MinimumYearsAsSro', N'TrainingWindowYears', N'UpdatedAt') AND [object_id] = OBJECT_ID(N'[PractitionerRules]'))
        SET IDENTITY_INSERT [PractitionerRules] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Number', N'Name') AND [object_id] = OBJECT_ID(N'[Regions]'))
        SET IDENTITY_INSERT [Regions] ON;
    EXEC(N'INSERT INTO [Regions] ([Number], [Name])
    VALUES (1, N''New England''),
    (2, N''Middle Atlantic''),
    (3, N''East North Central''),
    (4, N''West North Central''),
    (5, N''South Atlantic''),
    (6, N''East South Central''),
    (7, N''West South Central''),
    (8, N''Mountain''),
    (9, N''Pacific'')');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Number', N'Name') AND [object_id] = OBJECT_ID(N'[Regions]'))
        SET IDENTITY_INSERT [Regions] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Code', N'Name', N'RegionNumber') AND [object_id] = OBJECT_ID(N'[States]'))
        SET IDENTITY_INSERT [States] ON;
    EXEC(N'INSERT INTO [States] ([Code], [Name], [RegionNumber])
    VALUES (N''AK'', N''Alaska'', 9),
    (N''AL'', N''Alabama'', 6),
    (N''AR'', N''Arkansas'', 7),
    (N''AS'', N''American Samoa'', 9),
    (N''AZ'', N''Arizona'', 8),
    (N''CA'', N''California'', 9),
    (N''CO'', N''Colorado'', 8),
    (N''CT'', N''Connecticut'', 1),
    (N''DC'', N''District of Columbia'', 5),
    (N''DE'', N''Delaware'', 5),
    (N''FL'', N''Florida'', 5),
    (N''GA'', N''Georgia'', 5),
    (N''GU'', N''Guam'', 9),
    (N''HI'', N''Hawaii'', 9),
    (N''IA'', N''Iowa'', 4),
    (N''ID'', N''Idaho'', 8),
    (N''IL'', N''Illinois'', 3),
    (N''IN'', N''Indiana'', 3),
    (N''KS'', N''Kansas'', 4),
    (N''KY'', N''Kentucky'', 6),
    (N''LA'', N''Louisiana'', 7),
    (N''MA'', N''Massachusetts'', 1),
    (N''MD'', N''Maryland'', 5),
    (N''ME'', N''Maine'', 1),
    (N''MI'', N''Michigan'', 3),
    (N''MN'', N''Minnesota'', 4),
    (N''MO'', N''Missouri'', 4),
    (N''MP'', N''Northern Mariana Islands'', 9),
    (N''MS'', N''Mississippi'', 6),
    (N''MT'', N''Montana'', 8),
    (N''NC'', N''North Carolina'', 5),
    (N''ND'', N''North Dakota'', 4),
    (N''NE'', N''Nebraska'', 4),
    (N''NH'', N''New Hampshire'', 1),
    (N''NJ'', N''New Jersey'', 2),
    (N''NM'', N''New Mexico'', 8),
    (N''NV'', N''Nevada'', 8),
    (N''NY'', N''New York'', 2),
    (N''OH'', N''Ohio'', 3),
    (N''OK'', N''Oklahoma'', 7),
    (N''OR'', N''Oregon'', 9),
    (N''PA'', N''Pennsylvania'', 2);
    INSERT INTO [States] ([Code], [Name], [RegionNumber])
    VALUES (N''PR'', N''Puerto Rico'', 5),
    (N''RI'', N''Rhode Island'', 1),
    (N''SC'', N''South Carolina'', 5),
    (N''SD'', N''South Dakota'', 4),
    (N''TN'', N''Tennessee'', 6),
    (N''TX'', N''Texas'', 7),
    (N''UT'', N''Utah'', 8),
    (N''VA'', N''Virginia'', 5),
    (N''VI'', N''U.S. Virgin Islands'', 5),
    (N''VT'', N''Vermont'', 1),
    (N''WA'', N''Washington'', 9),
    (N''WI'', N''Wisconsin'', 3),
    (N''WV'', N''West Virginia'', 5),
    (N''WY'', N''Wyoming'', 8)');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Code', N'Name', N'RegionNumber') AND [object_id] = OBJECT_ID(N'[States]'))
        SET IDENTITY_INSERT [States] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Agencies_CreatedAt_Id] ON [Agencies] ([CreatedAt], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Agencies_Kind] ON [Agencies] ([Kind]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Agencies_NameKey_Id] ON [Agencies] ([NameKey], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Agencies_OriCode] ON [Agencies] ([OriCode]) WHERE [OriCode] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Agencies_StateCode] ON [Agencies] ([StateCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_AspNetUsers_MemberId] ON [AspNetUsers] ([MemberId]) WHERE [MemberId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Certificates_CourseId] ON [Certificates] ([CourseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Certificates_MemberId_IssuedOn] ON [Certificates] ([MemberId], [IssuedOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Certificates_Number] ON [Certificates] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Certificates_ReplacedById] ON [Certificates] ([ReplacedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Certificates_VerificationCode] ON [Certificates] ([VerificationCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ConferenceAttendances_MemberId_Year] ON [ConferenceAttendances] ([MemberId], [Year]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Conferences_StartsAt] ON [Conferences] ([StartsAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Conferences_StateCode] ON [Conferences] ([StateCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_CourseCompletions_CertificateId] ON [CourseCompletions] ([CertificateId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_CourseCompletions_CourseId] ON [CourseCompletions] ([CourseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_CourseCompletions_MemberId_CourseId_CompletedOn] ON [CourseCompletions] ([MemberId], [CourseId], [CompletedOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_CourseCompletions_OfferingId] ON [CourseCompletions] ([OfferingId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_CourseInstructor_MemberId] ON [CourseInstructor] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_CourseOfferings_CourseId_StartsOn] ON [CourseOfferings] ([CourseId], [StartsOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_CourseOfferings_HostAgencyId] ON [CourseOfferings] ([HostAgencyId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_CourseOfferings_StartsOn] ON [CourseOfferings] ([StartsOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_CourseOfferings_StateCode] ON [CourseOfferings] ([StateCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Courses_Category_IsActive] ON [Courses] ([Category], [IsActive]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Courses_Code] ON [Courses] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_DuesPaymentLines_MemberId] ON [DuesPaymentLines] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_DuesPaymentLines_PaymentId] ON [DuesPaymentLines] ([PaymentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_DuesPaymentLines_TermId] ON [DuesPaymentLines] ([TermId]) WHERE [TermId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_DuesPayments_AgencyId_CreatedAt] ON [DuesPayments] ([AgencyId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_DuesPayments_CreatedAt] ON [DuesPayments] ([CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_DuesPayments_IdempotencyKey] ON [DuesPayments] ([IdempotencyKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_DuesPayments_PayerMemberId_CreatedAt] ON [DuesPayments] ([PayerMemberId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_DuesPayments_PlanId_CreatedAt] ON [DuesPayments] ([PlanId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_DuesPayments_ReceiptNumber] ON [DuesPayments] ([ReceiptNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_DuesPayments_Status_CreatedAt] ON [DuesPayments] ([Status], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_DuesPayments_StripeCheckoutSessionId] ON [DuesPayments] ([StripeCheckoutSessionId]) WHERE [StripeCheckoutSessionId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_DuesPayments_StripeInvoiceId] ON [DuesPayments] ([StripeInvoiceId]) WHERE [StripeInvoiceId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_DuesPayments_StripePaymentIntentId] ON [DuesPayments] ([StripePaymentIntentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_DuesPayments_StripeSubscriptionId] ON [DuesPayments] ([StripeSubscriptionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_DuesRefunds_IdempotencyKey] ON [DuesRefunds] ([IdempotencyKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_DuesRefunds_PaymentId] ON [DuesRefunds] ([PaymentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_DuesRefunds_StripeRefundId] ON [DuesRefunds] ([StripeRefundId]) WHERE [StripeRefundId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_DuesSubscriptions_MemberId] ON [DuesSubscriptions] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_DuesSubscriptions_PlanId] ON [DuesSubscriptions] ([PlanId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_DuesSubscriptions_StripeSubscriptionId] ON [DuesSubscriptions] ([StripeSubscriptionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_InServiceTrainings_MemberId_CompletedOn] ON [InServiceTrainings] ([MemberId], [CompletedOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_InServiceTrainings_Status_SubmittedAt] ON [InServiceTrainings] ([Status], [SubmittedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_MailOutbox_DedupeKey] ON [MailOutbox] ([DedupeKey]) WHERE [DedupeKey] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_MailOutbox_NextAttemptAt] ON [MailOutbox] ([NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_MailOutbox_Recipient_CreatedAt] ON [MailOutbox] ([Recipient], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_AgencyId_LastNameKey_FirstNameKey_Number] ON [Members] ([AgencyId], [LastNameKey], [FirstNameKey], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_Category] ON [Members] ([Category]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_CreatedAt_Number] ON [Members] ([CreatedAt], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_CurrentTermId] ON [Members] ([CurrentTermId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_DirectoryOptIn_LastNameKey_FirstNameKey_Number] ON [Members] ([DirectoryOptIn], [LastNameKey], [FirstNameKey], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Members_EmailNormalized] ON [Members] ([EmailNormalized]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_FirstNameKey_LastNameKey_Number] ON [Members] ([FirstNameKey], [LastNameKey], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_IsSwornOfficer_LastNameKey_FirstNameKey_Number] ON [Members] ([IsSwornOfficer], [LastNameKey], [FirstNameKey], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_LastNameKey_FirstNameKey_Number] ON [Members] ([LastNameKey], [FirstNameKey], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Members_Number] ON [Members] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_StateCode] ON [Members] ([StateCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_SuspendedAt] ON [Members] ([SuspendedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_MembershipPlans_Category_IsActive] ON [MembershipPlans] ([Category], [IsActive]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_MembershipPlans_Code] ON [MembershipPlans] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_MembershipTerms_EndsOn] ON [MembershipTerms] ([EndsOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_MembershipTerms_GraceEndsOn] ON [MembershipTerms] ([GraceEndsOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_MembershipTerms_MemberId_StartsOn] ON [MembershipTerms] ([MemberId], [StartsOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_MembershipTerms_PaymentLineId] ON [MembershipTerms] ([PaymentLineId]) WHERE [PaymentLineId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_MembershipTerms_PlanId] ON [MembershipTerms] ([PlanId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_OpenIddictApplications_ClientId] ON [OpenIddictApplications] ([ClientId]) WHERE [ClientId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_OpenIddictAuthorizations_ApplicationId_Status_Subject_Type] ON [OpenIddictAuthorizations] ([ApplicationId], [Status], [Subject], [Type]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_OpenIddictScopes_Name] ON [OpenIddictScopes] ([Name]) WHERE [Name] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_OpenIddictTokens_ApplicationId_Status_Subject_Type] ON [OpenIddictTokens] ([ApplicationId], [Status], [Subject], [Type]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_OpenIddictTokens_AuthorizationId] ON [OpenIddictTokens] ([AuthorizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_OpenIddictTokens_ReferenceId] ON [OpenIddictTokens] ([ReferenceId]) WHERE [ReferenceId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_PaymentCustomers_AgencyId] ON [PaymentCustomers] ([AgencyId]) WHERE [AgencyId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_PaymentCustomers_MemberId] ON [PaymentCustomers] ([MemberId]) WHERE [MemberId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PaymentCustomers_StripeCustomerId] ON [PaymentCustomers] ([StripeCustomerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_PractitionerApplications_CertificateId] ON [PractitionerApplications] ([CertificateId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_PractitionerApplications_MemberId_SubmittedAt] ON [PractitionerApplications] ([MemberId], [SubmittedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_PractitionerApplications_Status_SubmittedAt] ON [PractitionerApplications] ([Status], [SubmittedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_RateLimitCounters_WindowStart] ON [RateLimitCounters] ([WindowStart]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_SandboxObjects_Id] ON [SandboxObjects] ([Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_SandboxObjects_Type_Created] ON [SandboxObjects] ([Type], [Created]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_States_RegionNumber] ON [States] ([RegionNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_StripeEvents_ReceivedAt] ON [StripeEvents] ([ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_TicketOrders_BuyerAgencyId] ON [TicketOrders] ([BuyerAgencyId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_TicketOrders_BuyerMemberId_CreatedAt] ON [TicketOrders] ([BuyerMemberId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_TicketOrders_ConferenceId_BuyerEmail] ON [TicketOrders] ([ConferenceId], [BuyerEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_TicketOrders_ConferenceId_BuyerKey_Status] ON [TicketOrders] ([ConferenceId], [BuyerKey], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_TicketOrders_ConferenceId_CreatedAt] ON [TicketOrders] ([ConferenceId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_TicketOrders_IdempotencyKey] ON [TicketOrders] ([IdempotencyKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_TicketOrders_Number] ON [TicketOrders] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_TicketOrders_Status_HoldExpiresAt] ON [TicketOrders] ([Status], [HoldExpiresAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_TicketOrders_StripeCheckoutSessionId] ON [TicketOrders] ([StripeCheckoutSessionId]) WHERE [StripeCheckoutSessionId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_TicketOrders_StripePaymentIntentId] ON [TicketOrders] ([StripePaymentIntentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_TicketOrders_VoucherId] ON [TicketOrders] ([VoucherId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Tickets_AttendeeMemberId] ON [Tickets] ([AttendeeMemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Tickets_Code] ON [Tickets] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Tickets_ConferenceId_AttendeeEmail] ON [Tickets] ([ConferenceId], [AttendeeEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Tickets_ConferenceId_CreatedAt] ON [Tickets] ([ConferenceId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Tickets_ConferenceId_Status] ON [Tickets] ([ConferenceId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Tickets_OrderId] ON [Tickets] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_Tickets_TicketTypeId_Status] ON [Tickets] ([TicketTypeId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_TicketTransfers_FromTicketId] ON [TicketTransfers] ([FromTicketId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_TicketTransfers_ToTicketId] ON [TicketTransfers] ([ToTicketId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_TicketTypes_ConferenceId] ON [TicketTypes] ([ConferenceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_TicketTypes_CourseId] ON [TicketTypes] ([CourseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_VerificationConsents_AgencyId_WithdrawnAt_GrantedAt_Id] ON [VerificationConsents] ([AgencyId], [WithdrawnAt], [GrantedAt], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_VerificationConsents_AgencyId_WithdrawnAt_MemberId] ON [VerificationConsents] ([AgencyId], [WithdrawnAt], [MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_VerificationConsents_MemberId_AgencyId] ON [VerificationConsents] ([MemberId], [AgencyId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_VerificationLog_AgencyId_At] ON [VerificationLog] ([AgencyId], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_VerificationLog_At] ON [VerificationLog] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_VerificationLog_CertificateId_At] ON [VerificationLog] ([CertificateId], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_VerificationLog_MemberId_At] ON [VerificationLog] ([MemberId], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_VerificationLog_Query_At] ON [VerificationLog] ([Query], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Vouchers_ConferenceId_Code] ON [Vouchers] ([ConferenceId], [Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_VoucherTicketType_TicketTypeId] ON [VoucherTicketType] ([TicketTypeId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_WaitingList_MemberId] ON [WaitingList] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_WaitingList_OfferCode] ON [WaitingList] ([OfferCode]) WHERE [OfferCode] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_WaitingList_OpenKey] ON [WaitingList] ([OpenKey]) WHERE [OpenKey] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    CREATE INDEX [IX_WaitingList_TicketTypeId_Status_JoinedAt] ON [WaitingList] ([TicketTypeId], [Status], [JoinedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    ALTER TABLE [AspNetUserClaims] ADD CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    ALTER TABLE [AspNetUserLogins] ADD CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    ALTER TABLE [AspNetUserRoles] ADD CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD CONSTRAINT [FK_AspNetUsers_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    ALTER TABLE [Certificates] ADD CONSTRAINT [FK_Certificates_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    ALTER TABLE [ConferenceAttendances] ADD CONSTRAINT [FK_ConferenceAttendances_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    ALTER TABLE [CourseCompletions] ADD CONSTRAINT [FK_CourseCompletions_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    ALTER TABLE [CourseInstructor] ADD CONSTRAINT [FK_CourseInstructor_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    ALTER TABLE [DuesPaymentLines] ADD CONSTRAINT [FK_DuesPaymentLines_DuesPayments_PaymentId] FOREIGN KEY ([PaymentId]) REFERENCES [DuesPayments] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    ALTER TABLE [DuesPaymentLines] ADD CONSTRAINT [FK_DuesPaymentLines_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    ALTER TABLE [DuesPaymentLines] ADD CONSTRAINT [FK_DuesPaymentLines_MembershipTerms_TermId] FOREIGN KEY ([TermId]) REFERENCES [MembershipTerms] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    ALTER TABLE [DuesPayments] ADD CONSTRAINT [FK_DuesPayments_Members_PayerMemberId] FOREIGN KEY ([PayerMemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    ALTER TABLE [DuesSubscriptions] ADD CONSTRAINT [FK_DuesSubscriptions_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    ALTER TABLE [InServiceTrainings] ADD CONSTRAINT [FK_InServiceTrainings_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    ALTER TABLE [Members] ADD CONSTRAINT [FK_Members_MembershipTerms_CurrentTermId] FOREIGN KEY ([CurrentTermId]) REFERENCES [MembershipTerms] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207061157_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207061157_Initial', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    ALTER TABLE [Members] ADD [ErasedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    ALTER TABLE [Members] ADD [RenewalRemindersOff] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [DisabledAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [DisabledBy] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [DisabledReason] nvarchar(500) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE TABLE [AccountInvitations] (
        [MemberId] uniqueidentifier NOT NULL,
        [Email] nvarchar(254) NOT NULL,
        [TokenHash] nchar(64) NOT NULL,
        [InvitedAt] datetimeoffset NOT NULL,
        [ExpiresAt] datetimeoffset NOT NULL,
        [SentCount] int NOT NULL,
        [InvitedBy] nvarchar(200) NOT NULL,
        [ClaimedAt] datetimeoffset NULL,
        CONSTRAINT [PK_AccountInvitations] PRIMARY KEY ([MemberId]),
        CONSTRAINT [FK_AccountInvitations_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE TABLE [AuditEntries] (
        [Id] uniqueidentifier NOT NULL,
        [At] datetimeoffset NOT NULL,
        [ActorKind] nvarchar(16) NOT NULL,
        [ActorSubject] nvarchar(200) NULL,
        [ActorDisplay] nvarchar(200) NULL,
        [ClientId] nvarchar(100) NULL,
        [RemoteAddress] nvarchar(64) NULL,
        [Operation] nvarchar(100) NOT NULL,
        [Outcome] nvarchar(16) NOT NULL,
        [ErrorCodes] nvarchar(400) NULL,
        [Fields] nvarchar(2000) NULL,
        [Values] nvarchar(2000) NULL,
        [TraceId] nvarchar(64) NULL,
        CONSTRAINT [PK_AuditEntries] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE TABLE [MemberDataExports] (
        [Id] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [RequestedAt] datetimeoffset NOT NULL,
        [ExpiresAt] datetimeoffset NOT NULL,
        [TokenHash] varbinary(32) NOT NULL,
        [Content] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_MemberDataExports] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_MemberDataExports_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE TABLE [RenewalReminderSteps] (
        [Id] uniqueidentifier NOT NULL,
        [Key] nvarchar(40) NOT NULL,
        [Anchor] nvarchar(16) NOT NULL,
        [OffsetDays] int NOT NULL,
        [Subject] nvarchar(200) NOT NULL,
        [Text] nvarchar(4000) NOT NULL,
        [IsActive] bit NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_RenewalReminderSteps] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE TABLE [WebhookEndpoints] (
        [Id] uniqueidentifier NOT NULL,
        [ClientId] nvarchar(100) NOT NULL,
        [AgencyId] uniqueidentifier NOT NULL,
        [Url] nvarchar(500) NOT NULL,
        [EventMask] int NOT NULL,
        [ContactEmail] nvarchar(254) NOT NULL,
        [ProtectedSecret] nvarchar(1000) NOT NULL,
        [ProtectedPreviousSecret] nvarchar(1000) NULL,
        [PreviousSecretUntil] datetimeoffset NULL,
        [FailingSince] datetimeoffset NULL,
        [DisabledAt] datetimeoffset NULL,
        [DisabledReason] nvarchar(500) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_WebhookEndpoints] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WebhookEndpoints_Agencies_AgencyId] FOREIGN KEY ([AgencyId]) REFERENCES [Agencies] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE TABLE [WebhookEvents] (
        [Id] uniqueidentifier NOT NULL,
        [Type] nvarchar(32) NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [CertificateId] uniqueidentifier NULL,
        [Body] nvarchar(max) NOT NULL,
        [OccurredAt] datetimeoffset NOT NULL,
        [DedupeKey] nvarchar(100) NULL,
        CONSTRAINT [PK_WebhookEvents] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE TABLE [WebhookStandingMarks] (
        [MemberId] uniqueidentifier NOT NULL,
        [InGoodStanding] bit NOT NULL,
        [CheckedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_WebhookStandingMarks] PRIMARY KEY ([MemberId]),
        CONSTRAINT [FK_WebhookStandingMarks_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE TABLE [AuditObjects] (
        [EntryId] uniqueidentifier NOT NULL,
        [ObjectId] nvarchar(100) NOT NULL,
        CONSTRAINT [PK_AuditObjects] PRIMARY KEY ([ObjectId], [EntryId]),
        CONSTRAINT [FK_AuditObjects_AuditEntries_EntryId] FOREIGN KEY ([EntryId]) REFERENCES [AuditEntries] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE TABLE [RenewalReminders] (
        [Id] uniqueidentifier NOT NULL,
        [MemberId] uniqueidentifier NOT NULL,
        [TermId] uniqueidentifier NOT NULL,
        [StepId] uniqueidentifier NOT NULL,
        [StepKey] nvarchar(40) NOT NULL,
        [DueOn] date NOT NULL,
        [SentAt] datetimeoffset NOT NULL,
        [MailId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_RenewalReminders] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_RenewalReminders_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_RenewalReminders_MembershipTerms_TermId] FOREIGN KEY ([TermId]) REFERENCES [MembershipTerms] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_RenewalReminders_RenewalReminderSteps_StepId] FOREIGN KEY ([StepId]) REFERENCES [RenewalReminderSteps] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE TABLE [WebhookDeliveries] (
        [Id] uniqueidentifier NOT NULL,
        [EndpointId] uniqueidentifier NOT NULL,
        [EventId] uniqueidentifier NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [Attempts] int NOT NULL,
        [NextAttemptAt] datetimeoffset NULL,
        [RetryingSince] datetimeoffset NOT NULL,
        [LastStatusCode] int NULL,
        [LastError] nvarchar(500) NULL,
        [LeaseUntil] datetimeoffset NULL,
        [ClaimedBy] nvarchar(200) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [DeliveredAt] datetimeoffset NULL,
        CONSTRAINT [PK_WebhookDeliveries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WebhookDeliveries_WebhookEndpoints_EndpointId] FOREIGN KEY ([EndpointId]) REFERENCES [WebhookEndpoints] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_WebhookDeliveries_WebhookEvents_EventId] FOREIGN KEY ([EventId]) REFERENCES [WebhookEvents] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE TABLE [WebhookAttempts] (
        [Id] uniqueidentifier NOT NULL,
        [DeliveryId] uniqueidentifier NOT NULL,
        [At] datetimeoffset NOT NULL,
        [StatusCode] int NULL,
        [Error] nvarchar(500) NULL,
        [DurationMs] int NOT NULL,
        CONSTRAINT [PK_WebhookAttempts] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WebhookAttempts_WebhookDeliveries_DeliveryId] FOREIGN KEY ([DeliveryId]) REFERENCES [WebhookDeliveries] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'Anchor', N'IsActive', N'Key', N'OffsetDays', N'Subject', N'Text', N'UpdatedAt') AND [object_id] = OBJECT_ID(N'[RenewalReminderSteps]'))
        SET IDENTITY_INSERT [RenewalReminderSteps] ON;
    EXEC(N'INSERT INTO [RenewalReminderSteps] ([Id], [Anchor], [IsActive], [Key], [OffsetDays], [Subject], [Text], [UpdatedAt])
    VALUES (''0193a000-0000-7000-8000-000000000001'', N''TermEnd'', CAST(1 AS bit), N''grace'', 1, N''Your membership has ended: renew by {graceEndsOn}'', CONCAT(CAST(N''Hello {firstName},'' AS nvarchar(max)), nchar(10), nchar(10), N''Your membership ({plan}, member {memberNumber}) ended on {endsOn}. You stay in good standing until {graceEndsOn}; renew before then:'', nchar(10), nchar(10), N''{renewUrl}'', nchar(10)), ''2026-12-07T00:00:00.0000000+00:00''),
    (''0193a000-0000-7000-8000-000000000007'', N''TermEnd'', CAST(1 AS bit), N''before-7'', -7, N''One week left: your membership ends on {endsOn}'', CONCAT(CAST(N''Hello {firstName},'' AS nvarchar(max)), nchar(10), nchar(10), N''Your membership ({plan}, member {memberNumber}) ends in a week, on {endsOn}. Renew here:'', nchar(10), nchar(10), N''{renewUrl}'', nchar(10)), ''2026-12-07T00:00:00.0000000+00:00''),
    (''0193a000-0000-7000-8000-000000000030'', N''TermEnd'', CAST(1 AS bit), N''before-30'', -30, N''30 days left: renew your {association} membership'', CONCAT(CAST(N''Hello {firstName},'' AS nvarchar(max)), nchar(10), nchar(10), N''Your membership ({plan}, member {memberNumber}) ends on {endsOn}, in 30 days. Renew here:'', nchar(10), nchar(10), N''{renewUrl}'', nchar(10)), ''2026-12-07T00:00:00.0000000+00:00''),
    (''0193a000-0000-7000-8000-000000000060'', N''TermEnd'', CAST(1 AS bit), N''before-60'', -60, N''Your {association} membership ends on {endsOn}'', CONCAT(CAST(N''Hello {firstName},'' AS nvarchar(max)), nchar(10), nchar(10), N''Your membership ({plan}, member {memberNumber}) runs until {endsOn}. Renew now and your next term starts the day after, so you lose no days:'', nchar(10), nchar(10), N''{renewUrl}'', nchar(10), nchar(10), N''Thank you for your membership.''), ''2026-12-07T00:00:00.0000000+00:00''),
    (''0193a000-0000-7000-8000-000000000100'', N''GraceEnd'', CAST(1 AS bit), N''lapsed'', 1, N''Your {association} membership has lapsed'', CONCAT(CAST(N''Hello {firstName},'' AS nvarchar(max)), nchar(10), nchar(10), N''Your membership ({plan}, member {memberNumber}) has lapsed: it ended on {endsOn} and its grace period on {graceEndsOn}. You can rejoin at any time:'', nchar(10), nchar(10), N''{renewUrl}'', nchar(10)), ''2026-12-07T00:00:00.0000000+00:00'')');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'Anchor', N'IsActive', N'Key', N'OffsetDays', N'Subject', N'Text', N'UpdatedAt') AND [object_id] = OBJECT_ID(N'[RenewalReminderSteps]'))
        SET IDENTITY_INSERT [RenewalReminderSteps] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE INDEX [IX_AccountInvitations_InvitedAt] ON [AccountInvitations] ([InvitedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AccountInvitations_TokenHash] ON [AccountInvitations] ([TokenHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_ActorSubject_At_Id] ON [AuditEntries] ([ActorSubject], [At], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_At_Id] ON [AuditEntries] ([At], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_Operation_At_Id] ON [AuditEntries] ([Operation], [At], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE INDEX [IX_AuditObjects_EntryId] ON [AuditObjects] ([EntryId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE INDEX [IX_MemberDataExports_ExpiresAt] ON [MemberDataExports] ([ExpiresAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE INDEX [IX_MemberDataExports_MemberId_RequestedAt] ON [MemberDataExports] ([MemberId], [RequestedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE UNIQUE INDEX [IX_RenewalReminders_MemberId_TermId_StepId] ON [RenewalReminders] ([MemberId], [TermId], [StepId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE INDEX [IX_RenewalReminders_SentAt_Id] ON [RenewalReminders] ([SentAt], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE INDEX [IX_RenewalReminders_StepId] ON [RenewalReminders] ([StepId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE INDEX [IX_RenewalReminders_StepKey_SentAt_Id] ON [RenewalReminders] ([StepKey], [SentAt], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE INDEX [IX_RenewalReminders_TermId_DueOn] ON [RenewalReminders] ([TermId], [DueOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE UNIQUE INDEX [IX_RenewalReminderSteps_Anchor_OffsetDays] ON [RenewalReminderSteps] ([Anchor], [OffsetDays]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE UNIQUE INDEX [IX_RenewalReminderSteps_Key] ON [RenewalReminderSteps] ([Key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE INDEX [IX_WebhookAttempts_DeliveryId_At] ON [WebhookAttempts] ([DeliveryId], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_EndpointId_CreatedAt_Id] ON [WebhookDeliveries] ([EndpointId], [CreatedAt], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_EndpointId_LeaseUntil] ON [WebhookDeliveries] ([EndpointId], [LeaseUntil]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_EventId] ON [WebhookDeliveries] ([EventId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_Status_NextAttemptAt] ON [WebhookDeliveries] ([Status], [NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE INDEX [IX_WebhookEndpoints_AgencyId_DisabledAt] ON [WebhookEndpoints] ([AgencyId], [DisabledAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE INDEX [IX_WebhookEndpoints_ClientId_CreatedAt] ON [WebhookEndpoints] ([ClientId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE INDEX [IX_WebhookEvents_CertificateId_Type] ON [WebhookEvents] ([CertificateId], [Type]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_WebhookEvents_DedupeKey] ON [WebhookEvents] ([DedupeKey]) WHERE [DedupeKey] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    CREATE INDEX [IX_WebhookEvents_MemberId_OccurredAt] ON [WebhookEvents] ([MemberId], [OccurredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207092703_MembershipLifecycle'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207092703_MembershipLifecycle', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207094759_StaffEmail'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_ActorDisplay_At_Id] ON [AuditEntries] ([ActorDisplay], [At], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207094759_StaffEmail'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207094759_StaffEmail', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207100419_TotpLastStep'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [TotpLastStep] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207100419_TotpLastStep'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207100419_TotpLastStep', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207160418_MailingAddressAsComplexType'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207160418_MailingAddressAsComplexType', N'10.0.15');
END;

COMMIT;
GO
