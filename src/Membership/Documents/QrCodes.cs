using QRCoder;

namespace Membership.Documents;

/// <summary>QR images of a text (a ticket's code, a certificate's status link), as every document of the API draws them.</summary>
public static class QrCodes
{
    public static byte[] Png(string text, int pixelsPerModule = 8)
    {
        using var data = Encode(text);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    public static string Svg(string text)
    {
        using var data = Encode(text);
        return new SvgQRCode(data).GetGraphic(8);
    }

    /// <summary>The dark modules of the symbol (no quiet zone), for drawing it as vector squares.</summary>
    public static bool[,] Modules(string text)
    {
        using var data = Encode(text);
        const int quiet = 4; // QRCoder's matrix includes the quiet zone
        var size = data.ModuleMatrix.Count - (2 * quiet);
        var modules = new bool[size, size];
        for (var row = 0; row < size; row++)
        {
            for (var column = 0; column < size; column++)
            {
                modules[row, column] = data.ModuleMatrix[row + quiet][column + quiet];
            }
        }

        return modules;
    }

    private static QRCodeData Encode(string text)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
    }
}
