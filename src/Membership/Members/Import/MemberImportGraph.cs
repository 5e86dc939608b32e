using GraphQL;
using GraphQL.Types;
using Membership.GraphQL;
using Membership.Identity;

namespace Membership.Members.Import;

internal static class MemberImportMutations
{
    public static void AddMemberImportMutations(this ObjectGraphType mutation) =>
        mutation.Mutation<ImportMembersPayloadType, ImportMembersInputType>("importMembers",
                "Brings existing members in from a CSV file (sent as a multipart request: see the README), with their numbers, agencies, plans and current terms. "
                + "All or nothing: any row error writes nothing. A row whose member number and e-mail address match a member is left unchanged, so a second run "
                + "of the same file changes nothing. dryRun checks every row and writes nothing. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff)
            .ResolveAsync(async c => await ImportAsync(c, c.GetArgument<ImportMembersInput>("input")));

    private static async Task<ImportMembersPayload> ImportAsync(IResolveFieldContext context, ImportMembersInput input)
    {
        if (input.File is null)
        {
            return new(null, [new UserError(UserErrorCodes.Required, "Send the CSV file as a part of a multipart request.", ["input", "file"])]);
        }

        await using var file = input.File.OpenRead();
        var result = await context.Service<MemberImport>().RunAsync(file, input.DryRun, context.CancellationToken);
        string? code = result.Conflict ? ImportCodes.ImportConflict : result.RowErrors.Count > 0 ? ImportCodes.FileHasErrors : null;
        return new(result, code is null ? [] : [new UserError(code, ImportCodes.Messages[code], ["input", "file"])]);
    }
}

public sealed class ImportMembersInput
{
    public UploadedFile? File { get; set; }
    public bool DryRun { get; set; }
}

internal sealed record ImportMembersPayload(MemberImportResult? Result, IReadOnlyList<UserError> UserErrors);

internal sealed class ImportMembersInputType : InputObjectGraphType<ImportMembersInput>
{
    public ImportMembersInputType()
    {
        Name = "ImportMembersInput";
        Field<NonNullGraphType<UploadGraphType>>("file").Description("The CSV: a header line naming the columns, then one member per line (see the README).");
        Field<NonNullGraphType<BooleanGraphType>>("dryRun").DefaultValue(false).Description("Check every row and report; write nothing.");
    }
}

internal sealed class ImportMembersPayloadType : ObjectGraphType<ImportMembersPayload>
{
    public ImportMembersPayloadType()
    {
        Name = "ImportMembersPayload";
        Description = "What the import did (or, in a dry run, would do), and every row error. With any userError nothing was written.";
        Field<BooleanGraphType>("dryRun").Resolve(c => c.Source.Result?.DryRun);
        Field<IntGraphType>("rows").Description("Member lines read (blank lines left out).").Resolve(c => c.Source.Result?.Rows);
        Field<IntGraphType>("created").Description("Members created (in a dry run: that would be).").Resolve(c => c.Source.Result?.Created);
        Field<IntGraphType>("unchanged").Description("Lines whose member number and e-mail address match an existing member: left as they are.")
            .Resolve(c => c.Source.Result?.Unchanged);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ImportRowErrorType>>>>("rowErrors").Description("Every problem of every line, in line order.")
            .Resolve(c => c.Source.Result?.RowErrors ?? []);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(c => c.Source.UserErrors);
    }
}

internal sealed class ImportRowErrorType : ObjectGraphType<ImportRowError>
{
    public ImportRowErrorType()
    {
        Name = "ImportRowError";
        Description = "A problem with one cell or line of an import file. Its message never repeats the cell's value.";
        Field(e => e.Line).Description("Line of the file, the header being line 1.");
        Field(e => e.Column, nullable: true).Description("Column name as in the header; null when the whole line is at fault.");
        Field(e => e.Code).Description("Stable code: REQUIRED, INVALID_EMAIL, UNKNOWN_AGENCY, UNKNOWN_PLAN, DUPLICATE_IN_FILE, NUMBER_TAKEN_BY_OTHER_EMAIL, …");
        Field(e => e.Message);
    }
}
