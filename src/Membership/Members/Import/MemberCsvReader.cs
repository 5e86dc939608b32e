using System.Globalization;
using System.Text;
using CsvHelper;

namespace Membership.Members.Import;

/// <summary>One data line of a member CSV: its line number and its cells by column name.</summary>
internal sealed class CsvRow(int line, IReadOnlyDictionary<string, int> columns, string[] fields)
{
    public int Line { get; } = line;

    /// <summary>The cell, trimmed and with the export's formula escape taken off; null when empty or the column is absent.</summary>
    public string? this[string column]
    {
        get
        {
            if (!columns.TryGetValue(column, out var index) || index >= fields.Length)
            {
                return null;
            }

            var cell = MemberCsv.Unescape(fields[index].Trim());
            return cell.Length == 0 ? null : cell;
        }
    }
}

/// <summary>Reads the header and the lines of a member CSV; reports what makes the file or a line unreadable.</summary>
internal static class MemberCsvReader
{
    public sealed record Content(IReadOnlyList<CsvRow> Rows, IReadOnlyList<ImportRowError> Errors);

    public static async Task<Content> ReadAsync(Stream file, int maxRows, CancellationToken ct)
    {
        var rows = new List<CsvRow>();
        var errors = new List<ImportRowError>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            // A broken line is reported and left out (never guessed at); its value stays out of exceptions and logs.
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            IncludeValuesInExceptions = false,
            MaxRecordSize = 64 * 1024,
            OnMalformedRecord = record => errors.Add(ImportRowError.For((int)record.LineNumber, null,
                record.Reason == CsvMalformedReason.FieldCountMismatch ? ImportCodes.WrongFieldCount : ImportCodes.MalformedLine)),
        };
        try
        {
            await using var reader = CsvReader.Create(file, options, leaveOpen: true);
            await reader.ReadHeaderAsync(ct);
            var header = reader.Headers.ToArray();
            if (header.Length == 0)
            {
                errors.Add(ImportRowError.For(1, null, ImportCodes.EmptyFile));
                return new(rows, errors);
            }

            var columns = ReadHeader(header, errors);
            while (await reader.ReadAsync(ct))
            {
                var line = (int)reader.LineNumber;
                if (rows.Count == maxRows)
                {
                    errors.Add(ImportRowError.For(line, null, ImportCodes.TooManyRows));
                    break;
                }

                rows.Add(new CsvRow(line, columns, reader.Current.ToArray()));
            }
        }
        catch (Exception e) when (e is CsvFormatException or InvalidDataException or DecoderFallbackException)
        {
            errors.Add(ImportRowError.For(rows.Count == 0 ? 1 : rows[^1].Line + 1, null, ImportCodes.MalformedLine));
        }

        return new(rows, errors);
    }

    /// <summary>Column positions by name; unknown, repeated and missing required columns are errors of line 1.</summary>
    private static Dictionary<string, int> ReadHeader(string[] header, List<ImportRowError> errors)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var known = MemberCsv.Columns.ToDictionary(c => c, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF');
            if (!known.TryGetValue(name, out var column))
            {
                errors.Add(ImportRowError.For(1, name, ImportCodes.UnknownColumn));
            }
            else if (!columns.TryAdd(column, i))
            {
                errors.Add(ImportRowError.For(1, column, ImportCodes.DuplicateColumn));
            }
        }

        foreach (var missing in MemberCsv.Required.Where(c => !columns.ContainsKey(c)))
        {
            errors.Add(ImportRowError.For(1, missing, ImportCodes.MissingColumn));
        }

        return columns;
    }
}
