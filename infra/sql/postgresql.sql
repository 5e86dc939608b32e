CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" character varying(150) NOT NULL,
    "ProductVersion" character varying(32) NOT NULL,
    CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY ("MigrationId")
);

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE TABLE "MembershipPlans" (
        "Id" uuid NOT NULL,
        "Code" character varying(40) NOT NULL,
        "Name" character varying(120) NOT NULL,
        "Category" character varying(16) NOT NULL,
        "PriceAmount" bigint NOT NULL,
        "Currency" character(3) NOT NULL,
        "TermKind" character varying(16) NOT NULL,
        "TermMonths" integer NOT NULL,
        "PeriodStartMonth" integer,
        "GraceDays" integer NOT NULL,
        "IsActive" boolean NOT NULL,
        "CreatedAt" timestamp with time zone NOT NULL,
        "UpdatedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_MembershipPlans" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE TABLE "NumberSequences" (
        "Name" character varying(50) NOT NULL,
        "LastValue" bigint NOT NULL,
        CONSTRAINT "PK_NumberSequences" PRIMARY KEY ("Name")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE TABLE "Regions" (
        "Number" integer NOT NULL,
        "Name" character varying(100) NOT NULL,
        CONSTRAINT "PK_Regions" PRIMARY KEY ("Number")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE TABLE "States" (
        "Code" character(2) NOT NULL,
        "Name" character varying(60) NOT NULL,
        "RegionNumber" integer NOT NULL,
        CONSTRAINT "PK_States" PRIMARY KEY ("Code"),
        CONSTRAINT "FK_States_Regions_RegionNumber" FOREIGN KEY ("RegionNumber") REFERENCES "Regions" ("Number") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE TABLE "Agencies" (
        "Id" uuid NOT NULL,
        "Name" character varying(200) NOT NULL,
        "NameKey" character varying(200) NOT NULL,
        "Kind" character varying(32) NOT NULL,
        "City" character varying(100) NOT NULL,
        "StateCode" character(2) NOT NULL,
        "OriCode" character(9),
        "CreatedAt" timestamp with time zone NOT NULL,
        "UpdatedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_Agencies" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_Agencies_States_StateCode" FOREIGN KEY ("StateCode") REFERENCES "States" ("Code") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE TABLE "Members" (
        "Id" uuid NOT NULL,
        "Number" bigint NOT NULL,
        "FirstName" character varying(100) NOT NULL,
        "LastName" character varying(100) NOT NULL,
        "FirstNameKey" character varying(100) NOT NULL,
        "LastNameKey" character varying(100) NOT NULL,
        "Email" character varying(254) NOT NULL,
        "EmailNormalized" character varying(254) NOT NULL,
        "Phone" character varying(32),
        "MailingAddress_Line1" character varying(200),
        "MailingAddress_Line2" character varying(200),
        "MailingAddress_City" character varying(100),
        "MailingAddress_StateCode" character(2),
        "MailingAddress_PostalCode" character varying(10),
        "DateOfBirth" date,
        "AgencyId" uuid,
        "JobTitle" character varying(120),
        "Category" character varying(16) NOT NULL,
        "IsSwornOfficer" boolean NOT NULL,
        "SroSince" date,
        "StateCode" character(2) NOT NULL,
        "DirectoryOptIn" boolean NOT NULL,
        "SuspendedAt" timestamp with time zone,
        "SuspensionReason" character varying(500),
        "CurrentTermId" uuid,
        "CreatedAt" timestamp with time zone NOT NULL,
        "UpdatedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_Members" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_Members_Agencies_AgencyId" FOREIGN KEY ("AgencyId") REFERENCES "Agencies" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_Members_States_StateCode" FOREIGN KEY ("StateCode") REFERENCES "States" ("Code") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE TABLE "MembershipTerms" (
        "Id" uuid NOT NULL,
        "MemberId" uuid NOT NULL,
        "PlanId" uuid NOT NULL,
        "StartsOn" date NOT NULL,
        "EndsOn" date,
        "GraceEndsOn" date,
        "ActivatedAt" timestamp with time zone,
        "CancelledAt" timestamp with time zone,
        "CancellationReason" character varying(500),
        "CreatedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_MembershipTerms" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_MembershipTerms_Members_MemberId" FOREIGN KEY ("MemberId") REFERENCES "Members" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_MembershipTerms_MembershipPlans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "MembershipPlans" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    INSERT INTO "NumberSequences" ("Name", "LastValue")
    VALUES ('member', 0);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    INSERT INTO "Regions" ("Number", "Name")
    VALUES (1, 'New England');
    INSERT INTO "Regions" ("Number", "Name")
    VALUES (2, 'Middle Atlantic');
    INSERT INTO "Regions" ("Number", "Name")
    VALUES (3, 'East North Central');
    INSERT INTO "Regions" ("Number", "Name")
    VALUES (4, 'West North Central');
    INSERT INTO "Regions" ("Number", "Name")
    VALUES (5, 'South Atlantic');
    INSERT INTO "Regions" ("Number", "Name")
    VALUES (6, 'East South Central');
    INSERT INTO "Regions" ("Number", "Name")
    VALUES (7, 'West South Central');
    INSERT INTO "Regions" ("Number", "Name")
    VALUES (8, 'Mountain');
    INSERT INTO "Regions" ("Number", "Name")
    VALUES (9, 'Pacific');
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('AK', 'Alaska', 9);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('AL', 'Alabama', 6);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('AR', 'Arkansas', 7);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('AS', 'American Samoa', 9);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('AZ', 'Arizona', 8);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('CA', 'California', 9);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('CO', 'Colorado', 8);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('CT', 'Connecticut', 1);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('DC', 'District of Columbia', 5);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('DE', 'Delaware', 5);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('FL', 'Florida', 5);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('GA', 'Georgia', 5);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('GU', 'Guam', 9);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('HI', 'Hawaii', 9);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('IA', 'Iowa', 4);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('ID', 'Idaho', 8);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('IL', 'Illinois', 3);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('IN', 'Indiana', 3);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('KS', 'Kansas', 4);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('KY', 'Kentucky', 6);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('LA', 'Louisiana', 7);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('MA', 'Massachusetts', 1);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('MD', 'Maryland', 5);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('ME', 'Maine', 1);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('MI', 'Michigan', 3);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('MN', 'Minnesota', 4);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('MO', 'Missouri', 4);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('MP', 'Northern Mariana Islands', 9);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('MS', 'Mississippi', 6);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('MT', 'Montana', 8);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('NC', 'North Carolina', 5);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('ND', 'North Dakota', 4);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('NE', 'Nebraska', 4);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('NH', 'New Hampshire', 1);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('NJ', 'New Jersey', 2);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('NM', 'New Mexico', 8);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('NV', 'Nevada', 8);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('NY', 'New York', 2);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('OH', 'Ohio', 3);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('OK', 'Oklahoma', 7);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('OR', 'Oregon', 9);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('PA', 'Pennsylvania', 2);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('PR', 'Puerto Rico', 5);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('RI', 'Rhode Island', 1);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('SC', 'South Carolina', 5);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('SD', 'South Dakota', 4);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('TN', 'Tennessee', 6);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('TX', 'Texas', 7);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('UT', 'Utah', 8);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('VA', 'Virginia', 5);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('VI', 'U.S. Virgin Islands', 5);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('VT', 'Vermont', 1);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('WA', 'Washington', 9);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('WI', 'Wisconsin', 3);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('WV', 'West Virginia', 5);
    INSERT INTO "States" ("Code", "Name", "RegionNumber")
    VALUES ('WY', 'Wyoming', 8);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE INDEX "IX_Agencies_CreatedAt_Id" ON "Agencies" ("CreatedAt", "Id");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE INDEX "IX_Agencies_Kind" ON "Agencies" ("Kind");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE INDEX "IX_Agencies_NameKey_Id" ON "Agencies" ("NameKey", "Id");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE UNIQUE INDEX "IX_Agencies_OriCode" ON "Agencies" ("OriCode");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE INDEX "IX_Agencies_StateCode" ON "Agencies" ("StateCode");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE INDEX "IX_Members_AgencyId_LastNameKey_FirstNameKey_Number" ON "Members" ("AgencyId", "LastNameKey", "FirstNameKey", "Number");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE INDEX "IX_Members_Category" ON "Members" ("Category");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE INDEX "IX_Members_CreatedAt_Number" ON "Members" ("CreatedAt", "Number");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE INDEX "IX_Members_CurrentTermId" ON "Members" ("CurrentTermId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE UNIQUE INDEX "IX_Members_EmailNormalized" ON "Members" ("EmailNormalized");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE INDEX "IX_Members_FirstNameKey_Number" ON "Members" ("FirstNameKey", "Number");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE INDEX "IX_Members_LastNameKey_FirstNameKey_Number" ON "Members" ("LastNameKey", "FirstNameKey", "Number");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE UNIQUE INDEX "IX_Members_Number" ON "Members" ("Number");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE INDEX "IX_Members_StateCode" ON "Members" ("StateCode");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE INDEX "IX_Members_SuspendedAt" ON "Members" ("SuspendedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE INDEX "IX_MembershipPlans_Category_IsActive" ON "MembershipPlans" ("Category", "IsActive");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE UNIQUE INDEX "IX_MembershipPlans_Code" ON "MembershipPlans" ("Code");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE INDEX "IX_MembershipTerms_EndsOn" ON "MembershipTerms" ("EndsOn");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE INDEX "IX_MembershipTerms_GraceEndsOn" ON "MembershipTerms" ("GraceEndsOn");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE INDEX "IX_MembershipTerms_MemberId_StartsOn" ON "MembershipTerms" ("MemberId", "StartsOn");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE INDEX "IX_MembershipTerms_PlanId" ON "MembershipTerms" ("PlanId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    CREATE INDEX "IX_States_RegionNumber" ON "States" ("RegionNumber");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    ALTER TABLE "Members" ADD CONSTRAINT "FK_Members_MembershipTerms_CurrentTermId" FOREIGN KEY ("CurrentTermId") REFERENCES "MembershipTerms" ("Id") ON DELETE RESTRICT;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129005322_Initial') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261129005322_Initial', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE TABLE "AspNetRoles" (
        "Id" uuid NOT NULL,
        "Name" character varying(256),
        "NormalizedName" character varying(256),
        "ConcurrencyStamp" text,
        CONSTRAINT "PK_AspNetRoles" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE TABLE "AspNetUsers" (
        "Id" uuid NOT NULL,
        "MemberId" uuid,
        "DisplayName" character varying(200) NOT NULL,
        "CreatedAt" timestamp with time zone NOT NULL,
        "UserName" character varying(256),
        "NormalizedUserName" character varying(256),
        "Email" character varying(256),
        "NormalizedEmail" character varying(256),
        "EmailConfirmed" boolean NOT NULL,
        "PasswordHash" text,
        "SecurityStamp" text,
        "ConcurrencyStamp" text,
        "PhoneNumber" text,
        "PhoneNumberConfirmed" boolean NOT NULL,
        "TwoFactorEnabled" boolean NOT NULL,
        "LockoutEnd" timestamp with time zone,
        "LockoutEnabled" boolean NOT NULL,
        "AccessFailedCount" integer NOT NULL,
        CONSTRAINT "PK_AspNetUsers" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_AspNetUsers_Members_MemberId" FOREIGN KEY ("MemberId") REFERENCES "Members" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE TABLE "DataProtectionKeys" (
        "Id" integer GENERATED BY DEFAULT AS IDENTITY,
        "FriendlyName" text,
        "Xml" text,
        CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE TABLE "OpenIddictApplications" (
        "Id" text NOT NULL,
        "ApplicationType" character varying(50),
        "ClientId" character varying(100),
        "ClientSecret" text,
        "ClientType" character varying(50),
        "ConcurrencyToken" character varying(50),
        "ConsentType" character varying(50),
        "DisplayName" text,
        "DisplayNames" text,
        "JsonWebKeySet" text,
        "Permissions" text,
        "PostLogoutRedirectUris" text,
        "Properties" text,
        "RedirectUris" text,
        "Requirements" text,
        "Settings" text,
        CONSTRAINT "PK_OpenIddictApplications" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE TABLE "OpenIddictScopes" (
        "Id" text NOT NULL,
        "ConcurrencyToken" character varying(50),
        "Description" text,
        "Descriptions" text,
        "DisplayName" text,
        "DisplayNames" text,
        "Name" character varying(200),
        "Properties" text,
        "Resources" text,
        CONSTRAINT "PK_OpenIddictScopes" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE TABLE "RateLimitCounters" (
        "Key" character varying(200) NOT NULL,
        "WindowStart" timestamp with time zone NOT NULL,
        "Count" integer NOT NULL,
        CONSTRAINT "PK_RateLimitCounters" PRIMARY KEY ("Key", "WindowStart")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE TABLE "AspNetRoleClaims" (
        "Id" integer GENERATED BY DEFAULT AS IDENTITY,
        "RoleId" uuid NOT NULL,
        "ClaimType" text,
        "ClaimValue" text,
        CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE TABLE "AspNetUserClaims" (
        "Id" integer GENERATED BY DEFAULT AS IDENTITY,
        "UserId" uuid NOT NULL,
        "ClaimType" text,
        "ClaimValue" text,
        CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE TABLE "AspNetUserLogins" (
        "LoginProvider" text NOT NULL,
        "ProviderKey" text NOT NULL,
        "ProviderDisplayName" text,
        "UserId" uuid NOT NULL,
        CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
        CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE TABLE "AspNetUserRoles" (
        "UserId" uuid NOT NULL,
        "RoleId" uuid NOT NULL,
        CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
        CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
        CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE TABLE "AspNetUserTokens" (
        "UserId" uuid NOT NULL,
        "LoginProvider" text NOT NULL,
        "Name" text NOT NULL,
        "Value" text,
        CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
        CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE TABLE "OpenIddictAuthorizations" (
        "Id" text NOT NULL,
        "ApplicationId" text,
        "ConcurrencyToken" character varying(50),
        "CreationDate" timestamp with time zone,
        "Properties" text,
        "Scopes" text,
        "Status" character varying(50),
        "Subject" character varying(400),
        "Type" character varying(50),
        CONSTRAINT "PK_OpenIddictAuthorizations" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_OpenIddictAuthorizations_OpenIddictApplications_Application~" FOREIGN KEY ("ApplicationId") REFERENCES "OpenIddictApplications" ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE TABLE "OpenIddictTokens" (
        "Id" text NOT NULL,
        "ApplicationId" text,
        "AuthorizationId" text,
        "ConcurrencyToken" character varying(50),
        "CreationDate" timestamp with time zone,
        "ExpirationDate" timestamp with time zone,
        "Payload" text,
        "Properties" text,
        "RedemptionDate" timestamp with time zone,
        "ReferenceId" character varying(100),
        "Status" character varying(50),
        "Subject" character varying(400),
        "Type" character varying(150),
        CONSTRAINT "PK_OpenIddictTokens" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_OpenIddictTokens_OpenIddictApplications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "OpenIddictApplications" ("Id"),
        CONSTRAINT "FK_OpenIddictTokens_OpenIddictAuthorizations_AuthorizationId" FOREIGN KEY ("AuthorizationId") REFERENCES "OpenIddictAuthorizations" ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    INSERT INTO "AspNetRoles" ("Id", "ConcurrencyStamp", "Name", "NormalizedName")
    VALUES ('0197a000-0000-7000-8000-000000000001', '0197a000-0000-7000-8000-000000000001', 'Member', 'MEMBER');
    INSERT INTO "AspNetRoles" ("Id", "ConcurrencyStamp", "Name", "NormalizedName")
    VALUES ('0197a000-0000-7000-8000-000000000002', '0197a000-0000-7000-8000-000000000002', 'Staff', 'STAFF');
    INSERT INTO "AspNetRoles" ("Id", "ConcurrencyStamp", "Name", "NormalizedName")
    VALUES ('0197a000-0000-7000-8000-000000000003', '0197a000-0000-7000-8000-000000000003', 'Admin', 'ADMIN');
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE UNIQUE INDEX "IX_AspNetUsers_MemberId" ON "AspNetUsers" ("MemberId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE UNIQUE INDEX "IX_OpenIddictApplications_ClientId" ON "OpenIddictApplications" ("ClientId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE INDEX "IX_OpenIddictAuthorizations_ApplicationId_Status_Subject_Type" ON "OpenIddictAuthorizations" ("ApplicationId", "Status", "Subject", "Type");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE UNIQUE INDEX "IX_OpenIddictScopes_Name" ON "OpenIddictScopes" ("Name");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE INDEX "IX_OpenIddictTokens_ApplicationId_Status_Subject_Type" ON "OpenIddictTokens" ("ApplicationId", "Status", "Subject", "Type");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE INDEX "IX_OpenIddictTokens_AuthorizationId" ON "OpenIddictTokens" ("AuthorizationId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE UNIQUE INDEX "IX_OpenIddictTokens_ReferenceId" ON "OpenIddictTokens" ("ReferenceId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    CREATE INDEX "IX_RateLimitCounters_WindowStart" ON "RateLimitCounters" ("WindowStart");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129012136_Identity') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261129012136_Identity', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE TABLE "ConferenceAttendances" (
        "Id" uuid NOT NULL,
        "MemberId" uuid NOT NULL,
        "Year" integer NOT NULL,
        "AttendedOn" date NOT NULL,
        "Source" character varying(32) NOT NULL,
        "RecordedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_ConferenceAttendances" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_ConferenceAttendances_Members_MemberId" FOREIGN KEY ("MemberId") REFERENCES "Members" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE TABLE "Courses" (
        "Id" uuid NOT NULL,
        "Code" character varying(40) NOT NULL,
        "Name" character varying(200) NOT NULL,
        "Category" character varying(32) NOT NULL,
        "DurationMinutes" integer NOT NULL,
        "Provider" character varying(200) NOT NULL,
        "IsAssociationCourse" boolean NOT NULL,
        "CertificateValidityMonths" integer,
        "IsActive" boolean NOT NULL,
        "CreatedAt" timestamp with time zone NOT NULL,
        "UpdatedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_Courses" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE TABLE "InServiceTrainings" (
        "Id" uuid NOT NULL,
        "MemberId" uuid NOT NULL,
        "Title" character varying(200) NOT NULL,
        "Provider" character varying(200) NOT NULL,
        "CompletedOn" date NOT NULL,
        "DurationMinutes" integer NOT NULL,
        "Category" character varying(16) NOT NULL,
        "Status" character varying(16) NOT NULL,
        "SubmittedAt" timestamp with time zone NOT NULL,
        "ReviewedAt" timestamp with time zone,
        "ReviewedBy" character varying(200),
        "RejectionReason" character varying(500),
        CONSTRAINT "PK_InServiceTrainings" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_InServiceTrainings_Members_MemberId" FOREIGN KEY ("MemberId") REFERENCES "Members" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE TABLE "PractitionerRules" (
        "Id" integer NOT NULL,
        "MinimumYearsAsSro" integer NOT NULL,
        "AssociationBasicOnlyFrom" date NOT NULL,
        "FurtherTrainingMinutes" integer NOT NULL,
        "TrainingWindowYears" integer NOT NULL,
        "MinimumConferences" integer NOT NULL,
        "DesignationValidityMonths" integer,
        "UpdatedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_PractitionerRules" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE TABLE "VerificationConsents" (
        "Id" uuid NOT NULL,
        "MemberId" uuid NOT NULL,
        "AgencyId" uuid NOT NULL,
        "GrantedAt" timestamp with time zone NOT NULL,
        "WithdrawnAt" timestamp with time zone,
        CONSTRAINT "PK_VerificationConsents" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_VerificationConsents_Agencies_AgencyId" FOREIGN KEY ("AgencyId") REFERENCES "Agencies" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_VerificationConsents_Members_MemberId" FOREIGN KEY ("MemberId") REFERENCES "Members" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE TABLE "VerificationLog" (
        "Id" uuid NOT NULL,
        "At" timestamp with time zone NOT NULL,
        "Channel" character varying(16) NOT NULL,
        "Query" character varying(40) NOT NULL,
        "CertificateId" uuid,
        "MemberId" uuid,
        "Found" boolean NOT NULL,
        "Status" character varying(16),
        "ClientId" character varying(100),
        "AgencyId" uuid,
        "Address" character varying(64),
        CONSTRAINT "PK_VerificationLog" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE TABLE "Certificates" (
        "Id" uuid NOT NULL,
        "Number" character varying(20) NOT NULL,
        "VerificationCode" character varying(32) NOT NULL,
        "MemberId" uuid NOT NULL,
        "Kind" character varying(16) NOT NULL,
        "CourseId" uuid,
        "HolderName" character varying(201) NOT NULL,
        "HolderLastNameKey" character varying(100) NOT NULL,
        "Title" character varying(200) NOT NULL,
        "DurationMinutes" integer,
        "IssuedOn" date NOT NULL,
        "ExpiresOn" date,
        "SuspendedAt" timestamp with time zone,
        "SuspensionReason" character varying(500),
        "RevokedAt" timestamp with time zone,
        "RevocationReason" character varying(500),
        "ReplacedById" uuid,
        "CreatedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_Certificates" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_Certificates_Certificates_ReplacedById" FOREIGN KEY ("ReplacedById") REFERENCES "Certificates" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_Certificates_Courses_CourseId" FOREIGN KEY ("CourseId") REFERENCES "Courses" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_Certificates_Members_MemberId" FOREIGN KEY ("MemberId") REFERENCES "Members" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE TABLE "CourseOfferings" (
        "Id" uuid NOT NULL,
        "CourseId" uuid NOT NULL,
        "StartsOn" date NOT NULL,
        "EndsOn" date NOT NULL,
        "City" character varying(100) NOT NULL,
        "StateCode" character(2) NOT NULL,
        "HostAgencyId" uuid,
        "Capacity" integer NOT NULL,
        "CreatedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_CourseOfferings" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_CourseOfferings_Agencies_HostAgencyId" FOREIGN KEY ("HostAgencyId") REFERENCES "Agencies" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_CourseOfferings_Courses_CourseId" FOREIGN KEY ("CourseId") REFERENCES "Courses" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_CourseOfferings_States_StateCode" FOREIGN KEY ("StateCode") REFERENCES "States" ("Code") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE TABLE "PractitionerApplications" (
        "Id" uuid NOT NULL,
        "MemberId" uuid NOT NULL,
        "Status" character varying(16) NOT NULL,
        "SubmittedAt" timestamp with time zone NOT NULL,
        "ReviewedAt" timestamp with time zone,
        "ReviewedBy" character varying(200),
        "RejectionReason" character varying(500),
        "CertificateId" uuid,
        CONSTRAINT "PK_PractitionerApplications" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_PractitionerApplications_Certificates_CertificateId" FOREIGN KEY ("CertificateId") REFERENCES "Certificates" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_PractitionerApplications_Members_MemberId" FOREIGN KEY ("MemberId") REFERENCES "Members" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE TABLE "CourseCompletions" (
        "Id" uuid NOT NULL,
        "MemberId" uuid NOT NULL,
        "CourseId" uuid NOT NULL,
        "OfferingId" uuid,
        "CompletedOn" date NOT NULL,
        "CertificateId" uuid NOT NULL,
        "RecordedBy" character varying(200) NOT NULL,
        "RecordedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_CourseCompletions" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_CourseCompletions_Certificates_CertificateId" FOREIGN KEY ("CertificateId") REFERENCES "Certificates" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_CourseCompletions_CourseOfferings_OfferingId" FOREIGN KEY ("OfferingId") REFERENCES "CourseOfferings" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_CourseCompletions_Courses_CourseId" FOREIGN KEY ("CourseId") REFERENCES "Courses" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_CourseCompletions_Members_MemberId" FOREIGN KEY ("MemberId") REFERENCES "Members" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE TABLE "CourseInstructor" (
        "OfferingId" uuid NOT NULL,
        "MemberId" uuid NOT NULL,
        CONSTRAINT "PK_CourseInstructor" PRIMARY KEY ("OfferingId", "MemberId"),
        CONSTRAINT "FK_CourseInstructor_CourseOfferings_OfferingId" FOREIGN KEY ("OfferingId") REFERENCES "CourseOfferings" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_CourseInstructor_Members_MemberId" FOREIGN KEY ("MemberId") REFERENCES "Members" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    INSERT INTO "Courses" ("Id", "Category", "CertificateValidityMonths", "Code", "CreatedAt", "DurationMinutes", "IsActive", "IsAssociationCourse", "Name", "Provider", "UpdatedAt")
    VALUES ('0197a100-0000-7000-8000-000000000001', 'BasicSro', NULL, 'BASIC-SRO', TIMESTAMPTZ '2026-11-29T00:00:00+00:00', 2400, TRUE, TRUE, 'Basic School Resource Officer', 'The association', TIMESTAMPTZ '2026-11-29T00:00:00+00:00');
    INSERT INTO "Courses" ("Id", "Category", "CertificateValidityMonths", "Code", "CreatedAt", "DurationMinutes", "IsActive", "IsAssociationCourse", "Name", "Provider", "UpdatedAt")
    VALUES ('0197a100-0000-7000-8000-000000000002', 'AdvancedSro', NULL, 'ADVANCED-SRO', TIMESTAMPTZ '2026-11-29T00:00:00+00:00', 1440, TRUE, TRUE, 'Advanced School Resource Officer', 'The association', TIMESTAMPTZ '2026-11-29T00:00:00+00:00');
    INSERT INTO "Courses" ("Id", "Category", "CertificateValidityMonths", "Code", "CreatedAt", "DurationMinutes", "IsActive", "IsAssociationCourse", "Name", "Provider", "UpdatedAt")
    VALUES ('0197a100-0000-7000-8000-000000000003', 'SupervisorsManagement', NULL, 'SRO-SUPERVISORS', TIMESTAMPTZ '2026-11-29T00:00:00+00:00', 1440, TRUE, TRUE, 'SRO Supervisors and Management', 'The association', TIMESTAMPTZ '2026-11-29T00:00:00+00:00');
    INSERT INTO "Courses" ("Id", "Category", "CertificateValidityMonths", "Code", "CreatedAt", "DurationMinutes", "IsActive", "IsAssociationCourse", "Name", "Provider", "UpdatedAt")
    VALUES ('0197a100-0000-7000-8000-000000000004', 'SchoolSafetyOfficer', NULL, 'SSO', TIMESTAMPTZ '2026-11-29T00:00:00+00:00', 1440, TRUE, TRUE, 'School Safety Officer', 'The association', TIMESTAMPTZ '2026-11-29T00:00:00+00:00');
    INSERT INTO "Courses" ("Id", "Category", "CertificateValidityMonths", "Code", "CreatedAt", "DurationMinutes", "IsActive", "IsAssociationCourse", "Name", "Provider", "UpdatedAt")
    VALUES ('0197a100-0000-7000-8000-000000000005', 'Cpted', NULL, 'CPTED', TIMESTAMPTZ '2026-11-29T00:00:00+00:00', 1440, TRUE, TRUE, 'Crime Prevention Through Environmental Design', 'The association', TIMESTAMPTZ '2026-11-29T00:00:00+00:00');
    INSERT INTO "Courses" ("Id", "Category", "CertificateValidityMonths", "Code", "CreatedAt", "DurationMinutes", "IsActive", "IsAssociationCourse", "Name", "Provider", "UpdatedAt")
    VALUES ('0197a100-0000-7000-8000-000000000006', 'AdolescentMentalHealth', 36, 'AMHT', TIMESTAMPTZ '2026-11-29T00:00:00+00:00', 480, TRUE, TRUE, 'Adolescent Mental Health Training', 'The association', TIMESTAMPTZ '2026-11-29T00:00:00+00:00');
    INSERT INTO "Courses" ("Id", "Category", "CertificateValidityMonths", "Code", "CreatedAt", "DurationMinutes", "IsActive", "IsAssociationCourse", "Name", "Provider", "UpdatedAt")
    VALUES ('0197a100-0000-7000-8000-000000000007', 'ProjectUnite', NULL, 'PROJECT-UNITE', TIMESTAMPTZ '2026-11-29T00:00:00+00:00', 480, TRUE, TRUE, 'Project Unite', 'The association', TIMESTAMPTZ '2026-11-29T00:00:00+00:00');
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    INSERT INTO "NumberSequences" ("Name", "LastValue")
    VALUES ('certificate', 0);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    INSERT INTO "PractitionerRules" ("Id", "AssociationBasicOnlyFrom", "DesignationValidityMonths", "FurtherTrainingMinutes", "MinimumConferences", "MinimumYearsAsSro", "TrainingWindowYears", "UpdatedAt")
    VALUES (1, DATE '2023-01-01', NULL, 9600, 1, 3, 10, TIMESTAMPTZ '2026-11-29T00:00:00+00:00');
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE INDEX "IX_Certificates_CourseId" ON "Certificates" ("CourseId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE INDEX "IX_Certificates_MemberId_IssuedOn" ON "Certificates" ("MemberId", "IssuedOn");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE UNIQUE INDEX "IX_Certificates_Number" ON "Certificates" ("Number");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE INDEX "IX_Certificates_ReplacedById" ON "Certificates" ("ReplacedById");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE UNIQUE INDEX "IX_Certificates_VerificationCode" ON "Certificates" ("VerificationCode");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE UNIQUE INDEX "IX_ConferenceAttendances_MemberId_Year" ON "ConferenceAttendances" ("MemberId", "Year");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE UNIQUE INDEX "IX_CourseCompletions_CertificateId" ON "CourseCompletions" ("CertificateId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE INDEX "IX_CourseCompletions_CourseId" ON "CourseCompletions" ("CourseId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE UNIQUE INDEX "IX_CourseCompletions_MemberId_CourseId_CompletedOn" ON "CourseCompletions" ("MemberId", "CourseId", "CompletedOn");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE INDEX "IX_CourseCompletions_OfferingId" ON "CourseCompletions" ("OfferingId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE INDEX "IX_CourseInstructor_MemberId" ON "CourseInstructor" ("MemberId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE INDEX "IX_CourseOfferings_CourseId_StartsOn" ON "CourseOfferings" ("CourseId", "StartsOn");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE INDEX "IX_CourseOfferings_HostAgencyId" ON "CourseOfferings" ("HostAgencyId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE INDEX "IX_CourseOfferings_StartsOn" ON "CourseOfferings" ("StartsOn");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE INDEX "IX_CourseOfferings_StateCode" ON "CourseOfferings" ("StateCode");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE INDEX "IX_Courses_Category_IsActive" ON "Courses" ("Category", "IsActive");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE UNIQUE INDEX "IX_Courses_Code" ON "Courses" ("Code");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE INDEX "IX_InServiceTrainings_MemberId_CompletedOn" ON "InServiceTrainings" ("MemberId", "CompletedOn");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE INDEX "IX_InServiceTrainings_Status_SubmittedAt" ON "InServiceTrainings" ("Status", "SubmittedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE INDEX "IX_PractitionerApplications_CertificateId" ON "PractitionerApplications" ("CertificateId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE INDEX "IX_PractitionerApplications_MemberId_SubmittedAt" ON "PractitionerApplications" ("MemberId", "SubmittedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE INDEX "IX_PractitionerApplications_Status_SubmittedAt" ON "PractitionerApplications" ("Status", "SubmittedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE INDEX "IX_VerificationConsents_AgencyId_WithdrawnAt_MemberId" ON "VerificationConsents" ("AgencyId", "WithdrawnAt", "MemberId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE INDEX "IX_VerificationConsents_MemberId_AgencyId" ON "VerificationConsents" ("MemberId", "AgencyId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE INDEX "IX_VerificationLog_AgencyId_At" ON "VerificationLog" ("AgencyId", "At");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE INDEX "IX_VerificationLog_At" ON "VerificationLog" ("At");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE INDEX "IX_VerificationLog_CertificateId_At" ON "VerificationLog" ("CertificateId", "At");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    CREATE INDEX "IX_VerificationLog_MemberId_At" ON "VerificationLog" ("MemberId", "At");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129020023_Certifications') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261129020023_Certifications', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    ALTER TABLE "MembershipTerms" ADD "PaymentLineId" uuid;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    ALTER TABLE "MembershipTerms" ADD "RefundedAt" timestamp with time zone;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE TABLE "DuesPayments" (
        "Id" uuid NOT NULL,
        "ReceiptNumber" character varying(20) NOT NULL,
        "Kind" character varying(16) NOT NULL,
        "PayerMemberId" uuid,
        "AgencyId" uuid,
        "PlanId" uuid NOT NULL,
        "Amount" bigint NOT NULL,
        "Currency" character(3) NOT NULL,
        "RefundedAmount" bigint NOT NULL,
        "Status" character varying(20) NOT NULL,
        "AutoRenew" boolean NOT NULL,
        "IdempotencyKey" uuid NOT NULL,
        "StripeCustomerId" character varying(100),
        "StripeCheckoutSessionId" character varying(100),
        "StripePaymentIntentId" character varying(100),
        "StripeSubscriptionId" character varying(100),
        "StripeInvoiceId" character varying(100),
        "CheckoutUrl" character varying(1000),
        "CreatedAt" timestamp with time zone NOT NULL,
        "CompletedAt" timestamp with time zone,
        "FailureReason" character varying(500),
        "CreatedBy" character varying(200) NOT NULL,
        CONSTRAINT "PK_DuesPayments" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_DuesPayments_Agencies_AgencyId" FOREIGN KEY ("AgencyId") REFERENCES "Agencies" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_DuesPayments_Members_PayerMemberId" FOREIGN KEY ("PayerMemberId") REFERENCES "Members" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_DuesPayments_MembershipPlans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "MembershipPlans" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE TABLE "DuesSubscriptions" (
        "Id" uuid NOT NULL,
        "MemberId" uuid NOT NULL,
        "PlanId" uuid NOT NULL,
        "StripeSubscriptionId" character varying(100) NOT NULL,
        "Status" character varying(30) NOT NULL,
        "CancelAtPeriodEnd" boolean NOT NULL,
        "CurrentPeriodEnd" timestamp with time zone,
        "UpdatedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_DuesSubscriptions" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_DuesSubscriptions_Members_MemberId" FOREIGN KEY ("MemberId") REFERENCES "Members" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_DuesSubscriptions_MembershipPlans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "MembershipPlans" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE TABLE "JobLeases" (
        "Name" character varying(100) NOT NULL,
        "Holder" character varying(200) NOT NULL,
        "ExpiresAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_JobLeases" PRIMARY KEY ("Name")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE TABLE "PaymentCustomers" (
        "Id" uuid NOT NULL,
        "MemberId" uuid,
        "AgencyId" uuid,
        "StripeCustomerId" character varying(100) NOT NULL,
        "CreatedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_PaymentCustomers" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_PaymentCustomers_Agencies_AgencyId" FOREIGN KEY ("AgencyId") REFERENCES "Agencies" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_PaymentCustomers_Members_MemberId" FOREIGN KEY ("MemberId") REFERENCES "Members" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE TABLE "StripeEvents" (
        "Id" character varying(100) NOT NULL,
        "Type" character varying(100) NOT NULL,
        "ObjectId" character varying(100),
        "ReceivedAt" timestamp with time zone NOT NULL,
        "Source" character varying(20) NOT NULL,
        CONSTRAINT "PK_StripeEvents" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE TABLE "DuesPaymentLines" (
        "Id" uuid NOT NULL,
        "PaymentId" uuid NOT NULL,
        "MemberId" uuid NOT NULL,
        "Amount" bigint NOT NULL,
        "TermId" uuid,
        "PeriodStart" date,
        "PeriodEnd" date,
        CONSTRAINT "PK_DuesPaymentLines" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_DuesPaymentLines_DuesPayments_PaymentId" FOREIGN KEY ("PaymentId") REFERENCES "DuesPayments" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_DuesPaymentLines_Members_MemberId" FOREIGN KEY ("MemberId") REFERENCES "Members" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_DuesPaymentLines_MembershipTerms_TermId" FOREIGN KEY ("TermId") REFERENCES "MembershipTerms" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE TABLE "DuesRefunds" (
        "Id" uuid NOT NULL,
        "PaymentId" uuid NOT NULL,
        "Amount" bigint NOT NULL,
        "Reason" character varying(500) NOT NULL,
        "IdempotencyKey" uuid NOT NULL,
        "StripeRefundId" character varying(100),
        "CreatedAt" timestamp with time zone NOT NULL,
        "CreatedBy" character varying(200) NOT NULL,
        CONSTRAINT "PK_DuesRefunds" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_DuesRefunds_DuesPayments_PaymentId" FOREIGN KEY ("PaymentId") REFERENCES "DuesPayments" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    INSERT INTO "NumberSequences" ("Name", "LastValue")
    VALUES ('receipt', 0);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE UNIQUE INDEX "IX_MembershipTerms_PaymentLineId" ON "MembershipTerms" ("PaymentLineId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE INDEX "IX_DuesPaymentLines_MemberId" ON "DuesPaymentLines" ("MemberId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE INDEX "IX_DuesPaymentLines_PaymentId" ON "DuesPaymentLines" ("PaymentId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE UNIQUE INDEX "IX_DuesPaymentLines_TermId" ON "DuesPaymentLines" ("TermId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE INDEX "IX_DuesPayments_AgencyId_CreatedAt" ON "DuesPayments" ("AgencyId", "CreatedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE INDEX "IX_DuesPayments_CreatedAt" ON "DuesPayments" ("CreatedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE UNIQUE INDEX "IX_DuesPayments_IdempotencyKey" ON "DuesPayments" ("IdempotencyKey");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE INDEX "IX_DuesPayments_PayerMemberId_CreatedAt" ON "DuesPayments" ("PayerMemberId", "CreatedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE INDEX "IX_DuesPayments_PlanId_CreatedAt" ON "DuesPayments" ("PlanId", "CreatedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE UNIQUE INDEX "IX_DuesPayments_ReceiptNumber" ON "DuesPayments" ("ReceiptNumber");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE INDEX "IX_DuesPayments_Status_CreatedAt" ON "DuesPayments" ("Status", "CreatedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE UNIQUE INDEX "IX_DuesPayments_StripeCheckoutSessionId" ON "DuesPayments" ("StripeCheckoutSessionId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE UNIQUE INDEX "IX_DuesPayments_StripeInvoiceId" ON "DuesPayments" ("StripeInvoiceId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE INDEX "IX_DuesPayments_StripePaymentIntentId" ON "DuesPayments" ("StripePaymentIntentId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE INDEX "IX_DuesPayments_StripeSubscriptionId" ON "DuesPayments" ("StripeSubscriptionId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE UNIQUE INDEX "IX_DuesRefunds_IdempotencyKey" ON "DuesRefunds" ("IdempotencyKey");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE INDEX "IX_DuesRefunds_PaymentId" ON "DuesRefunds" ("PaymentId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE UNIQUE INDEX "IX_DuesRefunds_StripeRefundId" ON "DuesRefunds" ("StripeRefundId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE INDEX "IX_DuesSubscriptions_MemberId" ON "DuesSubscriptions" ("MemberId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE INDEX "IX_DuesSubscriptions_PlanId" ON "DuesSubscriptions" ("PlanId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE UNIQUE INDEX "IX_DuesSubscriptions_StripeSubscriptionId" ON "DuesSubscriptions" ("StripeSubscriptionId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE UNIQUE INDEX "IX_PaymentCustomers_AgencyId" ON "PaymentCustomers" ("AgencyId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE UNIQUE INDEX "IX_PaymentCustomers_MemberId" ON "PaymentCustomers" ("MemberId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE UNIQUE INDEX "IX_PaymentCustomers_StripeCustomerId" ON "PaymentCustomers" ("StripeCustomerId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    CREATE INDEX "IX_StripeEvents_ReceivedAt" ON "StripeEvents" ("ReceivedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129024549_Dues') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261129024549_Dues', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE TABLE "Conferences" (
        "Id" uuid NOT NULL,
        "Name" character varying(200) NOT NULL,
        "Venue" character varying(200) NOT NULL,
        "City" character varying(100) NOT NULL,
        "StateCode" character(2) NOT NULL,
        "TimeZone" character varying(64) NOT NULL,
        "StartsAt" timestamp with time zone NOT NULL,
        "EndsAt" timestamp with time zone NOT NULL,
        "Capacity" integer NOT NULL,
        "SeatsTaken" integer NOT NULL,
        "RegistrationOpensAt" timestamp with time zone NOT NULL,
        "RegistrationClosesAt" timestamp with time zone NOT NULL,
        "TransferCutoffAt" timestamp with time zone NOT NULL,
        "RefundCutoffAt" timestamp with time zone NOT NULL,
        "Status" character varying(16) NOT NULL,
        "CreatedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_Conferences" PRIMARY KEY ("Id"),
        CONSTRAINT "CK_Conferences_Seats" CHECK ("SeatsTaken" >= 0 AND "SeatsTaken" <= "Capacity"),
        CONSTRAINT "FK_Conferences_States_StateCode" FOREIGN KEY ("StateCode") REFERENCES "States" ("Code") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE TABLE "TicketTypes" (
        "Id" uuid NOT NULL,
        "ConferenceId" uuid NOT NULL,
        "Name" character varying(200) NOT NULL,
        "Description" character varying(2000),
        "MemberPrice" bigint NOT NULL,
        "NonMemberPrice" bigint NOT NULL,
        "EarlyBirdMemberPrice" bigint,
        "EarlyBirdNonMemberPrice" bigint,
        "EarlyBirdUntil" timestamp with time zone,
        "Currency" character(3) NOT NULL,
        "Quota" integer NOT NULL,
        "Taken" integer NOT NULL,
        "SalesStartAt" timestamp with time zone NOT NULL,
        "SalesEndAt" timestamp with time zone NOT NULL,
        "MaxPerOrder" integer NOT NULL,
        "MembersOnly" boolean NOT NULL,
        "RequiresGoodStanding" boolean NOT NULL,
        "CourseId" uuid,
        "CreatedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_TicketTypes" PRIMARY KEY ("Id"),
        CONSTRAINT "CK_TicketTypes_Seats" CHECK ("Taken" >= 0 AND "Taken" <= "Quota"),
        CONSTRAINT "FK_TicketTypes_Conferences_ConferenceId" FOREIGN KEY ("ConferenceId") REFERENCES "Conferences" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_TicketTypes_Courses_CourseId" FOREIGN KEY ("CourseId") REFERENCES "Courses" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE TABLE "Vouchers" (
        "Id" uuid NOT NULL,
        "ConferenceId" uuid NOT NULL,
        "Code" character varying(40) NOT NULL,
        "PercentOff" integer,
        "AmountOff" bigint,
        "MaxUses" integer NOT NULL,
        "Used" integer NOT NULL,
        "ValidFrom" timestamp with time zone NOT NULL,
        "ValidUntil" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_Vouchers" PRIMARY KEY ("Id"),
        CONSTRAINT "CK_Vouchers_Uses" CHECK ("Used" >= 0 AND "Used" <= "MaxUses"),
        CONSTRAINT "FK_Vouchers_Conferences_ConferenceId" FOREIGN KEY ("ConferenceId") REFERENCES "Conferences" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE TABLE "WaitingList" (
        "Id" uuid NOT NULL,
        "TicketTypeId" uuid NOT NULL,
        "MemberId" uuid,
        "Name" character varying(201) NOT NULL,
        "Email" character varying(254) NOT NULL,
        "Status" character varying(16) NOT NULL,
        "JoinedAt" timestamp with time zone NOT NULL,
        "OfferedAt" timestamp with time zone,
        "OfferExpiresAt" timestamp with time zone,
        "OfferCode" character varying(64),
        CONSTRAINT "PK_WaitingList" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_WaitingList_Members_MemberId" FOREIGN KEY ("MemberId") REFERENCES "Members" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_WaitingList_TicketTypes_TicketTypeId" FOREIGN KEY ("TicketTypeId") REFERENCES "TicketTypes" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE TABLE "TicketOrders" (
        "Id" uuid NOT NULL,
        "Number" character varying(20) NOT NULL,
        "ConferenceId" uuid NOT NULL,
        "BuyerMemberId" uuid,
        "BuyerAgencyId" uuid,
        "BuyerName" character varying(201) NOT NULL,
        "BuyerEmail" character varying(254) NOT NULL,
        "Status" character varying(20) NOT NULL,
        "HoldExpiresAt" timestamp with time zone NOT NULL,
        "VoucherId" uuid,
        "VoucherUses" integer NOT NULL,
        "Total" bigint NOT NULL,
        "Currency" character(3) NOT NULL,
        "RefundedAmount" bigint NOT NULL,
        "IdempotencyKey" uuid NOT NULL,
        "StripeCheckoutSessionId" character varying(100),
        "StripePaymentIntentId" character varying(100),
        "CheckoutUrl" character varying(1000),
        "WaitingListEntryId" uuid,
        "CreatedAt" timestamp with time zone NOT NULL,
        "PaidAt" timestamp with time zone,
        "ClosedAt" timestamp with time zone,
        "CloseReason" character varying(500),
        CONSTRAINT "PK_TicketOrders" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_TicketOrders_Agencies_BuyerAgencyId" FOREIGN KEY ("BuyerAgencyId") REFERENCES "Agencies" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_TicketOrders_Conferences_ConferenceId" FOREIGN KEY ("ConferenceId") REFERENCES "Conferences" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_TicketOrders_Members_BuyerMemberId" FOREIGN KEY ("BuyerMemberId") REFERENCES "Members" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_TicketOrders_Vouchers_VoucherId" FOREIGN KEY ("VoucherId") REFERENCES "Vouchers" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE TABLE "VoucherTicketType" (
        "VoucherId" uuid NOT NULL,
        "TicketTypeId" uuid NOT NULL,
        CONSTRAINT "PK_VoucherTicketType" PRIMARY KEY ("VoucherId", "TicketTypeId"),
        CONSTRAINT "FK_VoucherTicketType_TicketTypes_TicketTypeId" FOREIGN KEY ("TicketTypeId") REFERENCES "TicketTypes" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_VoucherTicketType_Vouchers_VoucherId" FOREIGN KEY ("VoucherId") REFERENCES "Vouchers" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE TABLE "Tickets" (
        "Id" uuid NOT NULL,
        "OrderId" uuid NOT NULL,
        "ConferenceId" uuid NOT NULL,
        "TicketTypeId" uuid NOT NULL,
        "Price" bigint NOT NULL,
        "AttendeeMemberId" uuid,
        "AttendeeName" character varying(201),
        "AttendeeNameKey" character varying(201),
        "AttendeeEmail" character varying(254),
        "Code" character varying(300) NOT NULL,
        "Status" character varying(16) NOT NULL,
        "CheckedInAt" timestamp with time zone,
        "CheckedInBy" character varying(200),
        "TransferredToId" uuid,
        "CreatedAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_Tickets" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_Tickets_Members_AttendeeMemberId" FOREIGN KEY ("AttendeeMemberId") REFERENCES "Members" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_Tickets_TicketOrders_OrderId" FOREIGN KEY ("OrderId") REFERENCES "TicketOrders" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_Tickets_TicketTypes_TicketTypeId" FOREIGN KEY ("TicketTypeId") REFERENCES "TicketTypes" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE TABLE "TicketTransfers" (
        "Id" uuid NOT NULL,
        "FromTicketId" uuid NOT NULL,
        "ToTicketId" uuid NOT NULL,
        "FromName" character varying(201),
        "ToName" character varying(201),
        "By" character varying(200) NOT NULL,
        "At" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_TicketTransfers" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_TicketTransfers_Tickets_FromTicketId" FOREIGN KEY ("FromTicketId") REFERENCES "Tickets" ("Id") ON DELETE RESTRICT,
        CONSTRAINT "FK_TicketTransfers_Tickets_ToTicketId" FOREIGN KEY ("ToTicketId") REFERENCES "Tickets" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    INSERT INTO "NumberSequences" ("Name", "LastValue")
    VALUES ('ticket-order', 0);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE INDEX "IX_Conferences_StartsAt" ON "Conferences" ("StartsAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE INDEX "IX_Conferences_StateCode" ON "Conferences" ("StateCode");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE INDEX "IX_TicketOrders_BuyerAgencyId" ON "TicketOrders" ("BuyerAgencyId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE INDEX "IX_TicketOrders_BuyerMemberId_CreatedAt" ON "TicketOrders" ("BuyerMemberId", "CreatedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE INDEX "IX_TicketOrders_ConferenceId_BuyerEmail" ON "TicketOrders" ("ConferenceId", "BuyerEmail");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE INDEX "IX_TicketOrders_ConferenceId_CreatedAt" ON "TicketOrders" ("ConferenceId", "CreatedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE UNIQUE INDEX "IX_TicketOrders_IdempotencyKey" ON "TicketOrders" ("IdempotencyKey");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE UNIQUE INDEX "IX_TicketOrders_Number" ON "TicketOrders" ("Number");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE INDEX "IX_TicketOrders_Status_HoldExpiresAt" ON "TicketOrders" ("Status", "HoldExpiresAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE UNIQUE INDEX "IX_TicketOrders_StripeCheckoutSessionId" ON "TicketOrders" ("StripeCheckoutSessionId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE INDEX "IX_TicketOrders_StripePaymentIntentId" ON "TicketOrders" ("StripePaymentIntentId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE INDEX "IX_TicketOrders_VoucherId" ON "TicketOrders" ("VoucherId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE INDEX "IX_Tickets_AttendeeMemberId" ON "Tickets" ("AttendeeMemberId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE UNIQUE INDEX "IX_Tickets_Code" ON "Tickets" ("Code");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE INDEX "IX_Tickets_ConferenceId_AttendeeEmail" ON "Tickets" ("ConferenceId", "AttendeeEmail");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE INDEX "IX_Tickets_ConferenceId_CreatedAt" ON "Tickets" ("ConferenceId", "CreatedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE INDEX "IX_Tickets_ConferenceId_Status" ON "Tickets" ("ConferenceId", "Status");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE INDEX "IX_Tickets_OrderId" ON "Tickets" ("OrderId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE INDEX "IX_Tickets_TicketTypeId_Status" ON "Tickets" ("TicketTypeId", "Status");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE UNIQUE INDEX "IX_TicketTransfers_FromTicketId" ON "TicketTransfers" ("FromTicketId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE INDEX "IX_TicketTransfers_ToTicketId" ON "TicketTransfers" ("ToTicketId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE INDEX "IX_TicketTypes_ConferenceId" ON "TicketTypes" ("ConferenceId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE INDEX "IX_TicketTypes_CourseId" ON "TicketTypes" ("CourseId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE UNIQUE INDEX "IX_Vouchers_ConferenceId_Code" ON "Vouchers" ("ConferenceId", "Code");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE INDEX "IX_VoucherTicketType_TicketTypeId" ON "VoucherTicketType" ("TicketTypeId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE INDEX "IX_WaitingList_MemberId" ON "WaitingList" ("MemberId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE UNIQUE INDEX "IX_WaitingList_OfferCode" ON "WaitingList" ("OfferCode");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    CREATE INDEX "IX_WaitingList_TicketTypeId_Status_JoinedAt" ON "WaitingList" ("TicketTypeId", "Status", "JoinedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129032002_Conferences') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261129032002_Conferences', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129041148_AuditFixes') THEN
    ALTER TABLE "WaitingList" ADD "OpenKey" character varying(300);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129041148_AuditFixes') THEN
    ALTER TABLE "TicketTypes" ADD "CountsAsAttendance" boolean NOT NULL DEFAULT TRUE;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129041148_AuditFixes') THEN
    ALTER TABLE "Conferences" ADD "National" boolean NOT NULL DEFAULT TRUE;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129041148_AuditFixes') THEN
    CREATE UNIQUE INDEX "IX_WaitingList_OpenKey" ON "WaitingList" ("OpenKey");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129041148_AuditFixes') THEN
    CREATE INDEX "IX_VerificationLog_Query_At" ON "VerificationLog" ("Query", "At");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129041148_AuditFixes') THEN
    CREATE INDEX "IX_VerificationConsents_AgencyId_WithdrawnAt_GrantedAt_Id" ON "VerificationConsents" ("AgencyId", "WithdrawnAt", "GrantedAt", "Id");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129041148_AuditFixes') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261129041148_AuditFixes', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129050359_AgencyConfirmation') THEN
    ALTER TABLE "Members" ADD "AgencyConfirmedAt" timestamp with time zone;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261129050359_AgencyConfirmation') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261129050359_AgencyConfirmation', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261206231221_AccessHardening') THEN
    ALTER TABLE "TicketOrders" ADD "BuyerKey" character varying(140);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261206231221_AccessHardening') THEN
    CREATE TABLE "TicketBuyers" (
        "ConferenceId" uuid NOT NULL,
        "BuyerKey" character varying(140) NOT NULL,
        "LastPurchaseAt" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_TicketBuyers" PRIMARY KEY ("ConferenceId", "BuyerKey"),
        CONSTRAINT "FK_TicketBuyers_Conferences_ConferenceId" FOREIGN KEY ("ConferenceId") REFERENCES "Conferences" ("Id") ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261206231221_AccessHardening') THEN
    CREATE INDEX "IX_TicketOrders_ConferenceId_BuyerKey_Status" ON "TicketOrders" ("ConferenceId", "BuyerKey", "Status");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261206231221_AccessHardening') THEN
    CREATE INDEX "IX_Members_DirectoryOptIn_LastNameKey_FirstNameKey_Number" ON "Members" ("DirectoryOptIn", "LastNameKey", "FirstNameKey", "Number");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261206231221_AccessHardening') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261206231221_AccessHardening', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261206231629_MailOutbox') THEN
    CREATE TABLE "MailOutbox" (
        "Id" uuid NOT NULL,
        "Kind" character varying(64) NOT NULL,
        "Recipient" character varying(320) NOT NULL,
        "Subject" character varying(300) NOT NULL,
        "TextBody" text NOT NULL,
        "HtmlBody" text,
        "DedupeKey" character varying(400),
        "HoldsCredential" boolean NOT NULL,
        "CreatedAt" timestamp with time zone NOT NULL,
        "Attempts" integer NOT NULL,
        "NextAttemptAt" timestamp with time zone,
        "LeaseUntil" timestamp with time zone,
        "ClaimedBy" character varying(200),
        "SentAt" timestamp with time zone,
        "GaveUpAt" timestamp with time zone,
        "LastError" character varying(1000),
        CONSTRAINT "PK_MailOutbox" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261206231629_MailOutbox') THEN
    CREATE UNIQUE INDEX "IX_MailOutbox_DedupeKey" ON "MailOutbox" ("DedupeKey");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261206231629_MailOutbox') THEN
    CREATE INDEX "IX_MailOutbox_NextAttemptAt" ON "MailOutbox" ("NextAttemptAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261206231629_MailOutbox') THEN
    CREATE INDEX "IX_MailOutbox_Recipient_CreatedAt" ON "MailOutbox" ("Recipient", "CreatedAt");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261206231629_MailOutbox') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261206231629_MailOutbox', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261207021014_SearchIndexes') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261207021014_SearchIndexes') THEN
    ALTER TABLE "Members" ALTER COLUMN "LastNameKey" TYPE character varying(100) COLLATE "C";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261207021014_SearchIndexes') THEN
    ALTER TABLE "Members" ALTER COLUMN "FirstNameKey" TYPE character varying(100) COLLATE "C";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261207021014_SearchIndexes') THEN
    CREATE INDEX "IX_Members_IsSwornOfficer_LastNameKey_FirstNameKey_Number" ON "Members" ("IsSwornOfficer", "LastNameKey", "FirstNameKey", "Number");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261207021014_SearchIndexes') THEN
    CREATE INDEX "IX_Agencies_NameKey_Trigrams" ON "Agencies" USING gin ("NameKey" gin_trgm_ops);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261207021014_SearchIndexes') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261207021014_SearchIndexes', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261207021736_SandboxObjects') THEN
    CREATE TABLE "SandboxObjects" (
        "Sequence" bigint GENERATED BY DEFAULT AS IDENTITY,
        "Id" character varying(300) NOT NULL,
        "Type" character varying(40) NOT NULL,
        "Created" bigint NOT NULL,
        "Json" text NOT NULL,
        "Version" integer NOT NULL,
        CONSTRAINT "PK_SandboxObjects" PRIMARY KEY ("Sequence")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261207021736_SandboxObjects') THEN
    CREATE UNIQUE INDEX "IX_SandboxObjects_Id" ON "SandboxObjects" ("Id");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261207021736_SandboxObjects') THEN
    CREATE INDEX "IX_SandboxObjects_Type_Created" ON "SandboxObjects" ("Type", "Created");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261207021736_SandboxObjects') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261207021736_SandboxObjects', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261207045052_SearchPageKeys') THEN
    DROP INDEX "IX_Members_FirstNameKey_Number";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261207045052_SearchPageKeys') THEN
    CREATE INDEX "IX_Members_FirstNameKey_LastNameKey_Number" ON "Members" ("FirstNameKey", "LastNameKey", "Number");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261207045052_SearchPageKeys') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261207045052_SearchPageKeys', '10.0.15');
    END IF;
END $EF$;
COMMIT;
