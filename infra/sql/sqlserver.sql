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
    WHERE [MigrationId] = N'20261129005327_Initial'
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
    WHERE [MigrationId] = N'20261129005327_Initial'
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
    WHERE [MigrationId] = N'20261129005327_Initial'
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
    WHERE [MigrationId] = N'20261129005327_Initial'
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
    WHERE [MigrationId] = N'20261129005327_Initial'
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
    WHERE [MigrationId] = N'20261129005327_Initial'
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
    WHERE [MigrationId] = N'20261129005327_Initial'
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
        [CancellationReason] nvarchar(500) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_MembershipTerms] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_MembershipTerms_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_MembershipTerms_MembershipPlans_PlanId] FOREIGN KEY ([PlanId]) REFERENCES [MembershipPlans] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Name', N'LastValue') AND [object_id] = OBJECT_ID(N'[NumberSequences]'))
        SET IDENTITY_INSERT [NumberSequences] ON;
    EXEC(N'INSERT INTO [NumberSequences] ([Name], [LastValue])
    VALUES (N''member'', CAST(0 AS bigint))');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Name', N'LastValue') AND [object_id] = OBJECT_ID(N'[NumberSequences]'))
        SET IDENTITY_INSERT [NumberSequences] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
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
    WHERE [MigrationId] = N'20261129005327_Initial'
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
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    CREATE INDEX [IX_Agencies_CreatedAt_Id] ON [Agencies] ([CreatedAt], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    CREATE INDEX [IX_Agencies_Kind] ON [Agencies] ([Kind]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    CREATE INDEX [IX_Agencies_NameKey_Id] ON [Agencies] ([NameKey], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Agencies_OriCode] ON [Agencies] ([OriCode]) WHERE [OriCode] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    CREATE INDEX [IX_Agencies_StateCode] ON [Agencies] ([StateCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_AgencyId_LastNameKey_FirstNameKey_Number] ON [Members] ([AgencyId], [LastNameKey], [FirstNameKey], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_Category] ON [Members] ([Category]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_CreatedAt_Number] ON [Members] ([CreatedAt], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_CurrentTermId] ON [Members] ([CurrentTermId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Members_EmailNormalized] ON [Members] ([EmailNormalized]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_FirstNameKey_Number] ON [Members] ([FirstNameKey], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_LastNameKey_FirstNameKey_Number] ON [Members] ([LastNameKey], [FirstNameKey], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Members_Number] ON [Members] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_StateCode] ON [Members] ([StateCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_SuspendedAt] ON [Members] ([SuspendedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    CREATE INDEX [IX_MembershipPlans_Category_IsActive] ON [MembershipPlans] ([Category], [IsActive]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_MembershipPlans_Code] ON [MembershipPlans] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    CREATE INDEX [IX_MembershipTerms_EndsOn] ON [MembershipTerms] ([EndsOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    CREATE INDEX [IX_MembershipTerms_GraceEndsOn] ON [MembershipTerms] ([GraceEndsOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    CREATE INDEX [IX_MembershipTerms_MemberId_StartsOn] ON [MembershipTerms] ([MemberId], [StartsOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    CREATE INDEX [IX_MembershipTerms_PlanId] ON [MembershipTerms] ([PlanId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    CREATE INDEX [IX_States_RegionNumber] ON [States] ([RegionNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    ALTER TABLE [Members] ADD CONSTRAINT [FK_Members_MembershipTerms_CurrentTermId] FOREIGN KEY ([CurrentTermId]) REFERENCES [MembershipTerms] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129005327_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129005327_Initial', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012139_Identity'
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
    WHERE [MigrationId] = N'20261129012139_Identity'
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
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUsers_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012139_Identity'
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
    WHERE [MigrationId] = N'20261129012139_Identity'
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
    WHERE [MigrationId] = N'20261129012139_Identity'
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
    WHERE [MigrationId] = N'20261129012139_Identity'
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
    WHERE [MigrationId] = N'20261129012139_Identity'
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
    WHERE [MigrationId] = N'20261129012139_Identity'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] uniqueidentifier NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012139_Identity'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012139_Identity'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] uniqueidentifier NOT NULL,
        [RoleId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012139_Identity'
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
    WHERE [MigrationId] = N'20261129012139_Identity'
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
    WHERE [MigrationId] = N'20261129012139_Identity'
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
    WHERE [MigrationId] = N'20261129012139_Identity'
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
    WHERE [MigrationId] = N'20261129012139_Identity'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012139_Identity'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012139_Identity'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012139_Identity'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012139_Identity'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012139_Identity'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012139_Identity'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_AspNetUsers_MemberId] ON [AspNetUsers] ([MemberId]) WHERE [MemberId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012139_Identity'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012139_Identity'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_OpenIddictApplications_ClientId] ON [OpenIddictApplications] ([ClientId]) WHERE [ClientId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012139_Identity'
)
BEGIN
    CREATE INDEX [IX_OpenIddictAuthorizations_ApplicationId_Status_Subject_Type] ON [OpenIddictAuthorizations] ([ApplicationId], [Status], [Subject], [Type]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012139_Identity'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_OpenIddictScopes_Name] ON [OpenIddictScopes] ([Name]) WHERE [Name] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012139_Identity'
)
BEGIN
    CREATE INDEX [IX_OpenIddictTokens_ApplicationId_Status_Subject_Type] ON [OpenIddictTokens] ([ApplicationId], [Status], [Subject], [Type]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012139_Identity'
)
BEGIN
    CREATE INDEX [IX_OpenIddictTokens_AuthorizationId] ON [OpenIddictTokens] ([AuthorizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012139_Identity'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_OpenIddictTokens_ReferenceId] ON [OpenIddictTokens] ([ReferenceId]) WHERE [ReferenceId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012139_Identity'
)
BEGIN
    CREATE INDEX [IX_RateLimitCounters_WindowStart] ON [RateLimitCounters] ([WindowStart]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012139_Identity'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129012139_Identity', N'10.0.15');
END;

COMMIT;
GO
