"""Put qda's figures into a Word document as a user would with Insert >
Picture: each at its own size (no size given), through LibreOffice's UNO
API, then save it as .docx and print the size each picture has in the
saved file (wp:extent, the size Word shows).

Usage (Debian's python3 with python3-uno, LibreOffice Writer):
    /usr/bin/python3 bench/figures_word.py OUT.docx FIG.svg FIG.png ...
"""
import os
import re
import subprocess
import sys
import time
import zipfile

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main():
    out, figs = os.path.abspath(sys.argv[1]), sys.argv[2:]
    # A profile of its own, so that a LibreOffice already running (or a
    # first-start dialog) does not take the connection.
    profile = uno.systemPathToFileUrl(os.path.join(os.path.dirname(out), "lo-profile"))
    pipe = "qdafigures%d" % os.getpid()
    office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore",
                               "-env:UserInstallation=" + profile, "--accept=pipe,name=%s;urp;" % pipe],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(240):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.5)
        if ctx is None:
            sys.exit("LibreOffice did not start")
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, (prop("Hidden", True),))
        text, cur = doc.Text, doc.Text.createTextCursor()
        provider = smgr.createInstanceWithContext("com.sun.star.graphic.GraphicProvider", ctx)
        for f in figs:
            text.insertString(cur, os.path.basename(f), False)
            text.insertControlCharacter(cur, PARAGRAPH_BREAK, False)
            graphic = provider.queryGraphic((prop("URL", uno.systemPathToFileUrl(os.path.abspath(f))),))
            # The picture's own size, as Insert > Picture gives it: from
            # the SVG's width and height, the PNG's pixels and dpi.
            own = graphic.Size100thMM
            shape = doc.createInstance("com.sun.star.text.TextGraphicObject")
            shape.Graphic = graphic
            shape.AnchorType = uno.Enum("com.sun.star.text.TextContentAnchorType", "AS_CHARACTER")
            size = uno.createUnoStruct("com.sun.star.awt.Size")
            size.Width, size.Height = own.Width, own.Height
            shape.Size = size
            text.insertTextContent(cur, shape, False)
            text.insertControlCharacter(cur, PARAGRAPH_BREAK, False)
        doc.storeToURL(uno.systemPathToFileUrl(out), (prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge closes as LibreOffice quits
        office.wait(timeout=60)
    finally:
        if office.poll() is None:
            office.kill()
    # What Word will show: each picture's extent (EMU: 914400 an inch)
    # and what is embedded for it.
    with zipfile.ZipFile(out) as z:
        xml = z.read("word/document.xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
        extents = re.findall(r'<wp:extent cx="(\d+)" cy="(\d+)"', xml)
        embeds = re.findall(r'r:embed="([^"]+)"', xml)
        for f, (cx, cy), rid in zip(figs, extents, embeds):
            target = re.search(r'Id="%s"[^>]*Target="([^"]+)"' % rid, rels).group(1)
            print("%-14s placed at %5.1f x %5.1f mm, embedded as %s (%d bytes)" % (
                os.path.basename(f), int(cx) / 36000, int(cy) / 36000, target,
                z.getinfo("word/" + target).file_size))


if __name__ == "__main__":
    main()
