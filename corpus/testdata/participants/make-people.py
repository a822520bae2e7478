# Builds people.xlsx the way LibreOffice Calc writes one: shared strings,
# a custom date format, a built-in date format, a one-decimal format, an
# omitted empty row, an inline string, and a second sheet.
import zipfile, sys
files = {}
files['[Content_Types].xml'] = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'''
files['_rels/.rels'] = '''<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'''
files['xl/_rels/workbook.xml.rels'] = '''<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'''
files['xl/workbook.xml'] = '''<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Participants" sheetId="1" r:id="rId2"/><sheet name="Follow-up" sheetId="2" r:id="rId3"/></sheets></workbook>'''
files['xl/styles.xml'] = '''<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="DD/MM/YYYY"/><numFmt numFmtId="165" formatCode="0.0"/></numFmts><fonts count="1"><font><sz val="10"/><name val="Arial"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>'''
ss = ['Pseudonym', 'Gender', 'Age range', 'Joined', 'Score', 'Attended', 'May', 'female', '65-74', 'Ted', 'male', '55-64', 'Siân', '75+', 'not known', 'id', 'wave']
files['xl/sharedStrings.xml'] = '<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>' % (len(ss), len(ss), ''.join('<si><t xml:space="preserve">%s</t></si>' % s for s in ss))
def s(ref, i, style=None):
    st = ' s="%d"' % style if style is not None else ''
    return '<c r="%s"%s t="s"><v>%d</v></c>' % (ref, st, ss.index(i))
def n(ref, v, style=None):
    st = ' s="%d"' % style if style is not None else ''
    return '<c r="%s"%s t="n"><v>%s</v></c>' % (ref, st, v)
rows = [
  (1, [s('A1','Pseudonym'), s('B1','Gender'), s('C1','Age range'), s('D1','Joined'), s('E1','Score'), s('F1','Attended')]),
  (2, [s('A2','May'), s('B2','female'), s('C2','65-74'), n('D2','45306',1), n('E2','3.5',2), n('F2','0.75',4)]),
  (4, [s('A4','Ted'), s('B4','male'), s('C4','55-64'), n('D4','45000',3), n('E4','4',2), '<c r="F4" t="inlineStr"><is><t>twice</t></is></c>']),
  (5, [s('A5','Siân'), s('B5','female'), s('C5','75+'), s('D5','not known',1), n('E5','42')]),
]
files['xl/worksheets/sheet1.xml'] = '<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>' % ''.join('<row r="%d">%s</row>' % (r, ''.join(c)) for r, c in rows)
files['xl/worksheets/sheet2.xml'] = '<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">%s%s</row><row r="2">%s%s</row></sheetData></worksheet>' % (s('A1','id'), s('B1','wave'), s('A2','Ted'.replace('Ted','Ted')), n('B2','2'))
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    for name in ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']:
        zi = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
        zi.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(zi, files[name])
