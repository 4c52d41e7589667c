using System.Drawing;
using Iot.Device.Graphics;

namespace EdgeSdk.Devices;

// The Ssd13xx binding's constructor clears the screen through a BitmapImage, which needs an image
// factory (normally the SkiaSharp adapter, a native library). This display draws into its own
// page-layout frame and never uses the binding's images, so a plain in-memory ARGB bitmap is enough;
// it is registered only when the program has registered no factory of its own.
internal sealed class PlainImageFactory : IImageFactory
{
    private static readonly object Gate = new();
    private static bool _checked;

    public static void RegisterIfNoneRegistered()
    {
        lock (Gate)
        {
            if (_checked)
            {
                return;
            }

            try
            {
                BitmapImage.CreateBitmap(1, 1, PixelFormat.Format32bppArgb).Dispose();
            }
            catch (InvalidOperationException)
            {
                BitmapImage.RegisterImageFactory(new PlainImageFactory());
            }

            _checked = true;
        }
    }

    public BitmapImage CreateBitmap(int width, int height, PixelFormat pixelFormat) => new PlainBitmap(width, height, pixelFormat);

    public BitmapImage CreateFromStream(Stream file) =>
        throw new NotSupportedException("EdgeSdk.Devices does not decode image files; register Iot.Device.Bindings.SkiaSharpAdapter's factory for that");

    private sealed class PlainBitmap(int width, int height, PixelFormat pixelFormat)
        : BitmapImage(width, height, width * 4, pixelFormat)
    {
        private readonly int[] _argb = new int[width * height];

        public override void Clear(Color color) => Array.Fill(_argb, color.ToArgb());

        public override void SetPixel(int x, int y, Color color) => _argb[(y * Width) + x] = color.ToArgb();

        public override Color GetPixel(int x, int y) => Color.FromArgb(_argb[(y * Width) + x]);

        public override Span<byte> AsByteSpan() => System.Runtime.InteropServices.MemoryMarshal.AsBytes(_argb.AsSpan());

        public override void SaveToStream(Stream stream, ImageFileType format) =>
            throw new NotSupportedException("saving the binding's images needs the SkiaSharp adapter; the virtual panel writes PNGs itself");

        public override IGraphics GetDrawingApi() =>
            throw new NotSupportedException("the status display draws with its own 5x7 font, not the binding's drawing API");

        protected override void Dispose(bool disposing)
        {
            // Managed memory only.
        }
    }
}
