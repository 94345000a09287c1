using LatentPlayground.Core.Ui;

namespace LatentPlayground.Core.Tests.Ui;

/// <summary>The display is drawn every frame on the control thread; drawing must not feed the garbage collector.</summary>
[Collection(AllocationCollection.Name)]
public sealed class PanelAllocationTests
{
    [Fact]
    public void Drawing_every_page_allocates_nothing()
    {
        var renderer = new PanelRenderer(PanelLayout.Default);
        var navigator = new PanelNavigator(PanelLayout.Default);
        var frame = new Framebuffer();
        PanelView view = PanelTestViews.Playing();
        view.Message = "Saved\nVoronoi drift";
        PanelPage[] pages = Enum.GetValues<PanelPage>();
        void DrawAll()
        {
            foreach (PanelPage page in pages)
            {
                PanelNavigator.ShowPage(view, page);
                navigator.Push(view);
                navigator.Turn(view, 1, 1);
                renderer.Render(view, frame);
                view.Frame++;
            }
        }

        DrawAll();
        GC.Collect();
        int collections = GC.CollectionCount(0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            DrawAll();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(collections, GC.CollectionCount(0));
    }
}
