"""Checker messages in Vietnamese and English, written for trainers (not programmers).

Each code maps to ``{"vi": ..., "en": ...}`` templates using ``{name}`` placeholders from
the diagnostic's args. A ``suggestion`` arg adds the "did you mean" sentence.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

LANGS = ("vi", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # ---- files and encodings
    "tree_missing": {
        "vi": "Không tìm thấy thư mục khoá học “{path}”.",
        "en": "The course folder “{path}” does not exist.",
    },
    "file_unreadable": {
        "vi": "Không đọc được tệp này ({reason}).",
        "en": "This file cannot be read ({reason}).",
    },
    "not_utf8": {
        "vi": "Tệp không được lưu bằng bảng mã UTF-8 (byte {byte} ở vị trí {offset}). "
              "Hãy mở tệp và lưu lại với bảng mã UTF-8.",
        "en": "The file is not saved as UTF-8 (byte {byte} at offset {offset}). "
              "Open it and save it again with the UTF-8 encoding.",
    },
    "control_character": {
        "vi": "Tệp chứa ký tự điều khiển vô hình {char}. Hãy xoá ký tự này.",
        "en": "The file contains an invisible control character {char}. Delete it.",
    },
    "not_nfc": {
        "vi": "Chữ tiếng Việt ở dòng này được gõ dạng tổ hợp (dấu tách rời chữ). Hãy chọn "
              "bảng mã “Unicode dựng sẵn” trong bộ gõ, hoặc chuyển mã văn bản sang dựng sẵn (NFC).",
        "en": "Letters on this line use combining accents (not Unicode NFC). Set your "
              "keyboard tool to precomposed Unicode, or convert the text to NFC.",
    },
    "unexpected_file": {
        "vi": "Tệp “{name}” không thuộc cấu trúc khoá học và sẽ bị bỏ qua.",
        "en": "The file “{name}” is not part of the course format and will be ignored.",
    },
    # ---- tree and course folders
    "course_slug_invalid": {
        "vi": "Tên thư mục khoá học “{name}” không hợp lệ: chỉ dùng chữ thường không dấu, "
              "chữ số và dấu gạch ngang (ví dụ an-toan-thong-tin).",
        "en": "The course folder name “{name}” is invalid: use lower-case letters without "
              "accents, digits and hyphens (for example online-safety).",
    },
    "course_md_missing": {
        "vi": "Thư mục khoá học “{slug}” thiếu tệp course.md.",
        "en": "The course folder “{slug}” has no course.md file.",
    },
    "course_no_units": {
        "vi": "Khoá học “{slug}” chưa có bài học nào (tệp dạng 01-ten-bai.md).",
        "en": "The course “{slug}” has no unit (a file such as 01-unit-name.md).",
    },
    "course_title_duplicate": {
        "vi": "Tiêu đề khoá học “{title}” trùng với khoá “{other}”.",
        "en": "The course title “{title}” is the same as course “{other}”.",
    },
    "unit_file_name_invalid": {
        "vi": "Tên tệp bài học “{name}” không hợp lệ: cần dạng 01-ten-bai.md (hai chữ số trở lên, "
              "dấu gạch ngang, chữ thường không dấu).",
        "en": "The unit file name “{name}” is invalid: it must look like 01-unit-name.md (two "
              "or more digits, a hyphen, lower-case letters without accents).",
    },
    "unit_number_duplicate": {
        "vi": "Số thứ tự bài {number} đã được dùng cho tệp “{other}”.",
        "en": "Unit number {number} is already used by “{other}”.",
    },
    "unit_slug_duplicate": {
        "vi": "Tên bài “{slug}” đã được dùng cho tệp “{other}”; mỗi bài cần một tên riêng.",
        "en": "The unit name “{slug}” is already used by “{other}”; each unit needs its own.",
    },
    "unit_long_no_heading": {
        "vi": "Bài học dài {words} từ (hơn {limit}) mà không có tiêu đề mục nào (## ...). "
              "Hãy chia bài thành các mục để người học dễ theo dõi.",
        "en": "This unit has {words} words (more than {limit}) and no heading (## ...). "
              "Split it into sections so learners can follow.",
    },
    # ---- front matter and YAML
    "front_matter_missing": {
        "vi": "Dòng đầu tiên của tệp phải là “---” để mở phần thông tin (front matter).",
        "en": "The first line of the file must be “---”, opening the front matter.",
    },
    "front_matter_unclosed": {
        "vi": "Phần thông tin mở bằng “---” ở dòng 1 nhưng không có dòng “---” để đóng lại.",
        "en": "The front matter opened with “---” on line 1 is never closed by a “---” line.",
    },
    "yaml_syntax": {
        "vi": "Lỗi cú pháp YAML: {detail}. Hãy kiểm tra thụt lề, dấu hai chấm và dấu ngoặc kép.",
        "en": "YAML syntax error: {detail}. Check the indentation, colons and quotes.",
    },
    "yaml_bad_character": {
        "vi": "Ký tự {char} không được phép trong YAML.",
        "en": "The character {char} is not allowed in YAML.",
    },
    "yaml_too_deep": {
        "vi": "Cấu trúc YAML lồng nhau quá sâu.",
        "en": "The YAML is nested too deeply.",
    },
    "yaml_alias": {
        "vi": "Không dùng tham chiếu YAML (*tên / &tên); hãy viết đầy đủ nội dung.",
        "en": "YAML aliases (*name / &name) are not allowed; write the content out in full.",
    },
    "yaml_tag": {
        "vi": "Không dùng thẻ kiểu YAML (bắt đầu bằng !).",
        "en": "YAML type tags (starting with !) are not allowed.",
    },
    "yaml_merge_key": {
        "vi": "Không dùng khoá gộp YAML “<<”.",
        "en": "The YAML merge key “<<” is not allowed.",
    },
    "yaml_key_not_text": {
        "vi": "Tên khoá phải là một từ đơn giản (ví dụ title:).",
        "en": "A key must be a simple word (for example title:).",
    },
    "yaml_duplicate_key": {
        "vi": "Khoá “{key}” bị viết hai lần.",
        "en": "The key “{key}” is written twice.",
    },
    "unknown_key": {
        "vi": "Khoá “{key}” không được dùng trong {where}. Các khoá hợp lệ: {allowed}.",
        "en": "The key “{key}” is not used in {where}. Valid keys: {allowed}.",
    },
    "missing_field": {
        "vi": "Thiếu khoá bắt buộc “{field}” trong {where}.",
        "en": "The required key “{field}” is missing in {where}.",
    },
    "empty_field": {
        "vi": "Khoá “{field}” không được để trống.",
        "en": "The key “{field}” must not be empty.",
    },
    "text_too_long": {
        "vi": "Khoá “{field}” dài {length} ký tự; tối đa là {limit} ký tự.",
        "en": "The key “{field}” is {length} characters long; the most allowed is {limit}.",
    },
    "expected_text": {
        "vi": "Khoá “{field}” cần một đoạn văn bản.",
        "en": "The key “{field}” needs a text.",
    },
    "expected_bool": {
        "vi": "Khoá “{field}” chỉ nhận true hoặc false (không có dấu ngoặc kép).",
        "en": "The key “{field}” takes only true or false (without quotes).",
    },
    "bool_word": {
        "vi": "“{value}” ở khoá “{field}” không được hiểu là đúng/sai: hãy viết true hoặc false.",
        "en": "“{value}” for “{field}” is not read as yes/no: write true or false.",
    },
    "expected_int": {
        "vi": "Khoá “{field}” cần một số nguyên không có dấu ngoặc kép (đang là “{value}”).",
        "en": "The key “{field}” needs a whole number without quotes (it is “{value}”).",
    },
    "int_out_of_range": {
        "vi": "Giá trị {value} của “{field}” nằm ngoài khoảng cho phép ({minimum}..{maximum}).",
        "en": "The value {value} of “{field}” is outside the allowed range ({minimum}..{maximum}).",
    },
    "expected_number": {
        "vi": "Khoá “{field}” cần một số không có dấu ngoặc kép (đang là “{value}”).",
        "en": "The key “{field}” needs a number without quotes (it is “{value}”).",
    },
    "decimal_comma": {
        "vi": "Số “{value}” ở “{field}” dùng dấu phẩy; hãy dùng dấu chấm thập phân (ví dụ 3.5).",
        "en": "The number “{value}” in “{field}” uses a comma; use a decimal point (e.g. 3.5).",
    },
    "expected_list": {
        "vi": "Khoá “{field}” cần một danh sách (mỗi mục một dòng bắt đầu bằng “- ”).",
        "en": "The key “{field}” needs a list (one item per line starting with “- ”).",
    },
    "expected_mapping": {
        "vi": "“{field}” cần các dòng dạng “khoá: giá trị”.",
        "en": "“{field}” needs “key: value” lines.",
    },
    "expected_choice": {
        "vi": "Khoá “{field}” cần một trong các giá trị: {choices}.",
        "en": "The key “{field}” needs one of: {choices}.",
    },
    "bad_choice": {
        "vi": "“{value}” không phải giá trị hợp lệ của “{field}”. Chọn một trong: {choices}.",
        "en": "“{value}” is not a valid value of “{field}”. Choose one of: {choices}.",
    },
    "quote_number": {
        "vi": "“{value}” ở khoá “{field}” bị đọc thành số. "
              "Hãy đặt trong dấu ngoặc kép: \"{value}\".",
        "en": "“{value}” in “{field}” is read as a number. Put it in quotes: \"{value}\".",
    },
    "quote_bool": {
        "vi": "“{value}” ở khoá “{field}” bị đọc thành đúng/sai. Hãy đặt trong dấu ngoặc kép.",
        "en": "“{value}” in “{field}” is read as true/false. Put it in quotes.",
    },
    "id_invalid": {
        "vi": "Mã “{value}” ở “{field}” không hợp lệ: chỉ dùng chữ cái không dấu, chữ số, "
              "dấu gạch ngang, gạch dưới hoặc dấu chấm, không có khoảng trắng.",
        "en": "The id “{value}” in “{field}” is invalid: use letters without accents, digits, "
              "hyphens, underscores or dots, and no spaces.",
    },
    # ---- course and unit front matter
    "competence_unquoted": {
        "vi": "Mã năng lực {value} phải đặt trong dấu ngoặc kép: \"{value}\" "
              "(nếu không, 1.10 sẽ bị đọc thành 1.1).",
        "en": "The competence code {value} must be in quotes: \"{value}\" "
              "(otherwise 1.10 is read as 1.1).",
    },
    "competence_unknown": {
        "vi": "“{code}” không phải mã năng lực DigComp 2.2 (từ 1.1 đến 5.4).",
        "en": "“{code}” is not a DigComp 2.2 competence code (1.1 to 5.4).",
    },
    "competence_duplicate": {
        "vi": "Mã năng lực “{code}” bị ghi hai lần.",
        "en": "The competence code “{code}” is listed twice.",
    },
    "competence_code_invalid": {
        "vi": "Mã “{code}” không đúng dạng (ví dụ \"1\" hoặc \"1.2\").",
        "en": "The code “{code}” is malformed (for example \"1\" or \"1.2\").",
    },
    "framework_code_area": {
        "vi": "Năng lực “{code}” không thuộc lĩnh vực “{area}”.",
        "en": "The competence “{code}” does not belong to area “{area}”.",
    },
    "framework_duplicate": {
        "vi": "Mã năng lực “{code}” xuất hiện hai lần trong khung năng lực.",
        "en": "The competence code “{code}” appears twice in the framework.",
    },
    "author_email": {
        "vi": "“{value}” không phải địa chỉ thư điện tử hợp lệ.",
        "en": "“{value}” is not a valid e-mail address.",
    },
    "prerequisite_unknown": {
        "vi": "Khoá học tiên quyết “{slug}” không tồn tại (cần đúng tên thư mục khoá học).",
        "en": "The prerequisite course “{slug}” does not exist (use its folder name).",
    },
    "prerequisite_self": {
        "vi": "Khoá học không thể là điều kiện tiên quyết của chính nó.",
        "en": "A course cannot be its own prerequisite.",
    },
    "prerequisite_cycle": {
        "vi": "Điều kiện tiên quyết tạo thành vòng lặp: {cycle}.",
        "en": "The prerequisites form a loop: {cycle}.",
    },
    # ---- Markdown body
    "fence_unclosed": {
        "vi": "Khối mã mở bằng ``` ở dòng này không được đóng lại.",
        "en": "The code block opened with ``` on this line is never closed.",
    },
    "quiz_unclosed": {
        "vi": "Khối ```quiz mở ở dòng này không được đóng lại bằng ```. Phần sau nó bị bỏ.",
        "en": "The ```quiz block opened on this line is never closed with ```. Everything "
              "after it is dropped.",
    },
    "quiz_indented": {
        "vi": "Khối ```quiz phải bắt đầu ở đầu dòng, không thụt lề.",
        "en": "A ```quiz block must start at the beginning of the line, not indented.",
    },
    "quiz_multiple": {
        "vi": "Mỗi bài chỉ có một khối ```quiz (khối đầu tiên ở dòng {first}).",
        "en": "A unit holds only one ```quiz block (the first is on line {first}).",
    },
    "quiz_in_overview": {
        "vi": "Trang giới thiệu khoá học (course.md) không được chứa khối ```quiz.",
        "en": "The course overview (course.md) cannot hold a ```quiz block.",
    },
    "quiz_in_text": {
        "vi": "Không đặt khối ```quiz bên trong câu hỏi hay phản hồi.",
        "en": "A ```quiz block cannot be placed inside a question or feedback text.",
    },
    "admonition_kind": {
        "vi": "Loại hộp “!!! {kind}” không được hỗ trợ. Dùng một trong: {choices}.",
        "en": "The box type “!!! {kind}” is not supported. Use one of: {choices}.",
    },
    "raw_html": {
        "vi": "Không dùng thẻ HTML ({tag}); nó sẽ hiện nguyên văn. Hãy dùng cú pháp Markdown.",
        "en": "HTML tags ({tag}) are not allowed and will show as plain text. Use Markdown.",
    },
    "link_scheme": {
        "vi": "Liên kết “{target}” không an toàn: chỉ cho phép http, https hoặc mailto.",
        "en": "The link “{target}” is unsafe: only http, https or mailto are allowed.",
    },
    "link_unknown": {
        "vi": "Liên kết “{target}” không trỏ tới bài học (02-ten-bai.md), tệp trong assets/ "
              "hay trang web (https://...).",
        "en": "The link “{target}” points to no unit (02-unit.md), no file in assets/ and "
              "no web page (https://...).",
    },
    "link_unit_missing": {
        "vi": "Liên kết tới bài “{target}” nhưng khoá học không có tệp này.",
        "en": "The link points to the unit “{target}” but the course has no such file.",
    },
    "link_asset_missing": {
        "vi": "Liên kết tới “{target}” nhưng không có tệp này trong thư mục assets.",
        "en": "The link points to “{target}” but there is no such file in assets.",
    },
    "link_anchor_missing": {
        "vi": "Không tìm thấy mục “#{anchor}” trong “{file}”.",
        "en": "There is no heading “#{anchor}” in “{file}”.",
    },
    "image_external": {
        "vi": "Hình “{target}” lấy từ trang ngoài sẽ không hiển thị: hãy lưu hình vào assets/.",
        "en": "The image “{target}” comes from another site and will not show: save it "
              "in assets/.",
    },
    "image_not_asset": {
        "vi": "Hình “{target}” phải nằm trong thư mục assets/ của khoá học.",
        "en": "The image “{target}” must be in the course's assets/ folder.",
    },
    "image_not_image": {
        "vi": "“{target}” không phải tệp hình (svg, png, jpg, webp, gif): hãy dùng liên kết "
              "[chữ](...) thay vì hình ![...](...).",
        "en": "“{target}” is not an image (svg, png, jpg, webp, gif): use a link [text](...) "
              "instead of an image ![...](...).",
    },
    "image_no_alt": {
        "vi": "Hình “{target}” chưa có mô tả: viết mô tả trong ngoặc vuông ![mô tả](...) cho "
              "người khiếm thị.",
        "en": "The image “{target}” has no alt text: describe it in the brackets "
              "![description](...) for blind learners.",
    },
    # ---- assets and banks
    "asset_name_invalid": {
        "vi": "Tên tệp “{name}” không hợp lệ: chỉ dùng chữ không dấu, chữ số, “-”, “_”, “.”, "
              "không có khoảng trắng.",
        "en": "The file name “{name}” is invalid: use letters without accents, digits, “-”, "
              "“_”, “.” and no spaces.",
    },
    "asset_type": {
        "vi": "Loại tệp “{name}” không được hỗ trợ trong assets/. Các loại hợp lệ: {allowed}.",
        "en": "The file type of “{name}” is not supported in assets/. Valid types: {allowed}.",
    },
    "asset_too_big": {
        "vi": "Tệp quá lớn ({size} MB, tối đa {limit} MB).",
        "en": "The file is too big ({size} MB, at most {limit} MB).",
    },
    "svg_unsafe": {
        "vi": "Tệp SVG chứa mã có thể chạy được ({found}); hãy xuất lại hình dưới dạng SVG "
              "thuần hoặc PNG.",
        "en": "The SVG file contains active content ({found}); export it again as plain SVG "
              "or PNG.",
    },
    "bank_name_invalid": {
        "vi": "Tên ngân hàng câu hỏi “{name}” không hợp lệ: chỉ dùng chữ thường không dấu, "
              "chữ số và dấu gạch ngang.",
        "en": "The question bank name “{name}” is invalid: use lower-case letters without "
              "accents, digits and hyphens.",
    },
    "bank_ambiguous": {
        "vi": "Có cả banks/{name}.yaml và banks/{name}.gift; hãy giữ lại một tệp.",
        "en": "Both banks/{name}.yaml and banks/{name}.gift exist; keep only one.",
    },
    "bank_missing": {
        "vi": "Không tìm thấy ngân hàng câu hỏi banks/{name}.yaml hoặc banks/{name}.gift.",
        "en": "The question bank banks/{name}.yaml or banks/{name}.gift does not exist.",
    },
    "bank_empty": {
        "vi": "Ngân hàng câu hỏi trống.",
        "en": "The question bank is empty.",
    },
    # ---- quizzes
    "quiz_empty": {
        "vi": "Khối ```quiz trống.",
        "en": "The ```quiz block is empty.",
    },
    "quiz_no_questions": {
        "vi": "Bài kiểm tra không có câu hỏi nào (thêm questions: hoặc bank:).",
        "en": "The quiz has no question (add questions: or bank:).",
    },
    "quiz_id_duplicate": {
        "vi": "Mã bài kiểm tra “{id}” đã được dùng ở {other}.",
        "en": "The quiz id “{id}” is already used at {other}.",
    },
    "question_id_duplicate": {
        "vi": "Mã câu hỏi “{id}” đã được dùng ở {other}; mỗi câu hỏi trong khoá cần mã riêng.",
        "en": "The question id “{id}” is already used at {other}; every question of the "
              "course needs its own id.",
    },
    "draw_too_large": {
        "vi": "draw: {draw} lớn hơn số câu hỏi hiện có ({pool}).",
        "en": "draw: {draw} is more than the number of questions available ({pool}).",
    },
    # ---- questions
    "options_too_few": {
        "vi": "Câu hỏi “{id}” cần ít nhất hai lựa chọn.",
        "en": "The question “{id}” needs at least two options.",
    },
    "single_no_correct": {
        "vi": "Câu hỏi một đáp án “{id}” chưa có lựa chọn đúng (correct: true).",
        "en": "The single-choice question “{id}” has no correct option (correct: true).",
    },
    "single_many_correct": {
        "vi": "Câu hỏi một đáp án “{id}” có {count} lựa chọn đúng; chỉ được một. Nếu có nhiều "
              "đáp án đúng, dùng type: multiple.",
        "en": "The single-choice question “{id}” has {count} correct options; it may have "
              "only one. For several right answers use type: multiple.",
    },
    "multiple_no_correct": {
        "vi": "Câu hỏi nhiều đáp án “{id}” cần ít nhất một lựa chọn đúng.",
        "en": "The multiple-answer question “{id}” needs at least one correct option.",
    },
    "option_duplicate": {
        "vi": "Lựa chọn “{text}” bị lặp lại.",
        "en": "The option “{text}” is repeated.",
    },
    "option_no_feedback": {
        "vi": "Lựa chọn sai “{text}” chưa có phản hồi (feedback) giải thích vì sao sai.",
        "en": "The wrong option “{text}” has no feedback explaining why it is wrong.",
    },
    "weight_range": {
        "vi": "Trọng số {value} nằm ngoài khoảng {minimum}..{maximum}.",
        "en": "The weight {value} is outside {minimum}..{maximum}.",
    },
    "weight_single": {
        "vi": "Câu hỏi một đáp án “{id}” không dùng trọng số (weight); chỉ type: multiple có.",
        "en": "The single-choice question “{id}” cannot use weight; only type: multiple can.",
    },
    "weight_missing": {
        "vi": "Lựa chọn đúng “{text}” cần trọng số (weight) vì các lựa chọn khác có trọng số.",
        "en": "The correct option “{text}” needs a weight because other options have one.",
    },
    "weight_sign": {
        "vi": "Trọng số {weight} của “{text}” không khớp: lựa chọn đúng có trọng số dương, "
              "lựa chọn sai có trọng số 0 hoặc âm.",
        "en": "The weight {weight} of “{text}” does not match: correct options have a "
              "positive weight, wrong ones zero or negative.",
    },
    "weights_sum": {
        "vi": "Tổng trọng số các lựa chọn đúng của “{id}” là {total}, nên bằng 100.",
        "en": "The weights of the correct options of “{id}” add up to {total}; they should "
              "add up to 100.",
    },
    "answers_missing": {
        "vi": "Câu hỏi “{id}” chưa có đáp án được chấp nhận.",
        "en": "The question “{id}” has no accepted answer.",
    },
    "no_full_credit": {
        "vi": "Câu hỏi “{id}” không có đáp án nào được 100 điểm.",
        "en": "No answer of the question “{id}” gives full credit (100).",
    },
    "numeric_answer_missing": {
        "vi": "Câu hỏi số cần answer (kèm tolerance), range: [nhỏ, lớn] hoặc answers.",
        "en": "A numeric question needs answer (with tolerance), range: [min, max] or answers.",
    },
    "numeric_answer_conflict": {
        "vi": "Chỉ dùng một trong các khoá: {keys}.",
        "en": "Use only one of the keys: {keys}.",
    },
    "tolerance_negative": {
        "vi": "Sai số cho phép (tolerance) không được âm.",
        "en": "The tolerance cannot be negative.",
    },
    "tolerance_with_range": {
        "vi": "Không dùng tolerance cùng với range.",
        "en": "Do not use tolerance together with range.",
    },
    "range_shape": {
        "vi": "range cần đúng hai số: [nhỏ nhất, lớn nhất].",
        "en": "range needs exactly two numbers: [min, max].",
    },
    "range_inverted": {
        "vi": "Khoảng [{low}, {high}] ngược: số đầu phải nhỏ hơn số sau.",
        "en": "The range [{low}, {high}] is reversed: the first number must be the smaller.",
    },
    "pairs_too_few": {
        "vi": "Câu hỏi ghép cặp “{id}” cần ít nhất hai cặp.",
        "en": "The matching question “{id}” needs at least two pairs.",
    },
    "pair_left_duplicate": {
        "vi": "Vế trái “{text}” bị lặp lại.",
        "en": "The left item “{text}” is repeated.",
    },
    # ---- Moodle GIFT
    "gift_empty": {
        "vi": "Tệp GIFT không có câu hỏi nào.",
        "en": "The GIFT file holds no question.",
    },
    "gift_essay": {
        "vi": "Câu hỏi tự luận “{title}” ({{}}) chưa được hỗ trợ và đã bị bỏ qua.",
        "en": "The essay question “{title}” ({{}}) is not supported and was skipped.",
    },
    "gift_description": {
        "vi": "Đoạn “{title}” không có phần đáp án {{...}}: câu mô tả chưa được hỗ trợ và đã "
              "bị bỏ qua.",
        "en": "“{title}” has no answer part {{...}}: description items are not supported and "
              "were skipped.",
    },
    "gift_title_unclosed": {
        "vi": "Tiêu đề câu hỏi mở bằng “::” nhưng không đóng bằng “::”.",
        "en": "The question title opened with “::” is not closed with “::”.",
    },
    "gift_unclosed": {
        "vi": "Phần đáp án mở bằng “{{” nhưng không đóng bằng “}}” (nhớ để một dòng trống "
              "giữa hai câu hỏi).",
        "en": "The answer part opened with “{{” is not closed with “}}” (leave a blank line "
              "between questions).",
    },
    "gift_nested": {
        "vi": "Câu hỏi có nhiều hơn một cặp ngoặc {{ }}; hãy viết \\{{ và \\}} nếu cần ký tự "
              "ngoặc trong văn bản.",
        "en": "The question has more than one pair of braces {{ }}; write \\{{ and \\}} for "
              "braces inside the text.",
    },
    "gift_no_prompt": {
        "vi": "Câu hỏi không có nội dung đề bài.",
        "en": "The question has no text.",
    },
    "gift_answers_syntax": {
        "vi": "Không hiểu phần đáp án “{text}”: mỗi đáp án bắt đầu bằng = (đúng) hoặc ~ (sai).",
        "en": "The answers “{text}” cannot be read: each answer starts with = (right) or ~ "
              "(wrong).",
    },
    "gift_numeric": {
        "vi": "Không hiểu đáp án số “{text}”: viết 3.14:0.01 (giá trị:sai số) hoặc 1..5 "
              "(khoảng).",
        "en": "The numeric answer “{text}” cannot be read: write 3.14:0.01 (value:tolerance) "
              "or 1..5 (range).",
    },
    "gift_partial_dropped": {
        "vi": "Điểm từng phần của lựa chọn “{text}” bị bỏ: câu một đáp án chỉ chấm đúng/sai.",
        "en": "The partial credit of the option “{text}” was dropped: single-choice questions "
              "are graded right or wrong.",
    },
    "gift_other_answer_dropped": {
        "vi": "Phản hồi cho “mọi đáp án khác” (~{text}) của câu hỏi số chưa được hỗ trợ và đã "
              "bị bỏ.",
        "en": "The feedback for “any other answer” (~{text}) of a numeric question is not "
              "supported and was dropped.",
    },
    "gift_matching_distractor": {
        "vi": "Vế phải thừa “{text}” (không có vế trái) chưa được hỗ trợ và đã bị bỏ.",
        "en": "The extra right-hand item “{text}” (with no left item) is not supported and was "
              "dropped.",
    },
    "internal_error": {
        "vi": "Trình kiểm tra gặp sự cố khi đọc khoá học này ({detail}). Hãy báo cho nhóm kỹ "
              "thuật; khoá học sẽ không được xuất bản cho tới khi sửa xong.",
        "en": "The checker failed while reading this course ({detail}). Please tell the "
              "technical team; the course will not be published until this is fixed.",
    },
    "too_complex": {
        "vi": "Nội dung quá phức tạp để kiểm tra.",
        "en": "The content is too complex to check.",
    },
}

# The codes reported as warnings (everything else is an error).
WARNING_CODES = frozenset({
    "not_nfc", "unexpected_file", "unit_long_no_heading", "raw_html", "link_anchor_missing",
    "image_no_alt", "asset_type", "option_no_feedback", "weights_sum", "no_full_credit",
    "course_title_duplicate", "gift_partial_dropped", "gift_matching_distractor",
    "gift_other_answer_dropped",
})

# Names of the places a key can be in, for the "where" argument.
PLACES: dict[str, dict[str, str]] = {
    "course.md": {"vi": "phần thông tin của course.md", "en": "the front matter of course.md"},
    "unit": {"vi": "phần thông tin của bài học", "en": "the front matter of a unit"},
    "front matter": {"vi": "phần thông tin", "en": "the front matter"},
    "quiz": {"vi": "khối quiz", "en": "the quiz block"},
    "question": {"vi": "câu hỏi", "en": "a question"},
    "option": {"vi": "lựa chọn (options)", "en": "an option"},
    "answer": {"vi": "đáp án (answers)", "en": "an answer"},
    "pair": {"vi": "cặp ghép (pairs)", "en": "a pair"},
    "bank": {"vi": "ngân hàng câu hỏi", "en": "the question bank"},
    "framework": {"vi": "khung năng lực", "en": "the competence framework"},
    "area": {"vi": "lĩnh vực năng lực", "en": "a competence area"},
    "competence": {"vi": "năng lực", "en": "a competence"},
    "name": {"vi": "tên (name)", "en": "a name"},
}

SUGGESTION = {"vi": " Có phải ý bạn là “{suggestion}”?", "en": " Did you mean “{suggestion}”?"}
UNKNOWN_CODE = {"vi": "Lỗi “{code}”.", "en": "Problem “{code}”."}


def render_message(code: str, args: Mapping[str, Any], lang: str = "vi") -> str:
    """Format the message of ``code`` in ``lang`` (``vi`` or ``en``), never raising."""
    lang = lang if lang in LANGS else "vi"
    entry = MESSAGES.get(code)
    values = _Defaulting({k: _shown(v) for k, v in args.items()})
    if "where" in values:
        values["where"] = _place(values["where"], lang)
    if entry is None:
        return UNKNOWN_CODE[lang].format(code=code)
    text = string.Formatter().vformat(entry[lang], (), values)
    if args.get("suggestion"):
        text += string.Formatter().vformat(SUGGESTION[lang], (), values)
    return text


def _place(where: str, lang: str) -> str:
    head, _, rest = where.partition(" (")
    place = PLACES.get(head)
    if place is None:
        return where
    return place[lang] + (f" ({rest}" if rest else "")


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 400 else text[:397] + "…"
